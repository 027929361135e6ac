package org.capenv.runner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.RunnerException;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API failures injected through the mock server's expectations (which answer before its CRUD
 * store): retried where safe, otherwise a clear failure, and never a second Job or a Job without
 * its NetworkPolicy.
 */
class ApiFailureTest {
  static final String JOBS = "/apis/batch/v1/namespaces/capenv-tools/jobs";
  static final String POLICIES =
      "/apis/networking.k8s.io/v1/namespaces/capenv-tools/networkpolicies";
  static final String SECRETS = "/api/v1/namespaces/capenv-tools/secrets";
  KubeFixture kube;
  RunSpec spec;

  @BeforeEach
  void start() {
    kube = new KubeFixture(Optional.empty(), 1500);
    spec = Specs.spec("jq", "-n", "1").build();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  String name() {
    return "capenv-run-" + spec.runId();
  }

  static Object status(int code, String reason) {
    return new StatusBuilder().withCode(code).withReason(reason).withMessage(reason).build();
  }

  long jobCount() {
    return kube.client.batch().v1().jobs().list().getItems().size();
  }

  @Test
  void serverErrorOnJobCreateIsRetriedAndMakesOneJob() throws Exception {
    kube.server.expect().post().withPath(JOBS).andReturn(500, status(500, "InternalError")).once();

    assertThat(kube.runner.launch(spec).state()).isEqualTo(RunState.PENDING);

    assertThat(kube.count("POST " + JOBS)).isEqualTo(2);
    assertThat(jobCount()).isOne();
  }

  @Test
  void timeoutOnJobCreateIsRetriedAndMakesOneJob() throws Exception {
    kube.server
        .expect()
        .post()
        .delay(4, TimeUnit.SECONDS)
        .withPath(JOBS)
        .andReturn(201, status(201, "late"))
        .once();

    assertThat(kube.runner.launch(spec).state()).isEqualTo(RunState.PENDING);

    assertThat(kube.count("POST " + JOBS)).isEqualTo(2);
    assertThat(jobCount()).isOne();
  }

  @Test
  void createThatLandedBeforeItsResponseWasLostIsAdoptedNotDuplicated() throws Exception {
    // an earlier attempt's Job create landed, but its answer was lost before anything else was made
    kube.client.batch().v1().jobs().resource(JobFactory.job(spec, kube.config)).create();

    assertThat(kube.runner.launch(spec).state()).isEqualTo(RunState.PENDING);

    // the test's own create, then the runner's single attempt, which the API server answered 409
    assertThat(kube.count("POST " + JOBS)).isEqualTo(2);
    assertThat(jobCount()).isOne();
    assertThat(kube.runner.launch(spec).state()).isEqualTo(RunState.PENDING);
    assertThat(kube.count("POST " + JOBS)).isEqualTo(2);
  }

  @Test
  void forbiddenJobCreateFailsClearlyWithoutRetryAndCleansUp() throws Exception {
    kube.server.expect().post().withPath(JOBS).andReturn(403, status(403, "Forbidden")).always();

    assertThatThrownBy(() -> kube.runner.launch(spec))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("not allowed");

    assertThat(kube.count("POST " + JOBS)).isOne();
    assertThat(jobCount()).isZero();
    assertThat(kube.client.network().v1().networkPolicies().withName(name()).get()).isNull();
    assertThat(kube.client.secrets().withName(name()).get()).isNull();
  }

  @Test
  void networkPolicyThatCannotBeCreatedMeansNoJob() throws Exception {
    kube.server
        .expect()
        .post()
        .withPath(POLICIES)
        .andReturn(403, status(403, "Forbidden"))
        .always();

    assertThatThrownBy(() -> kube.runner.launch(spec))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("no Job created")
        .hasMessageContaining("HTTP 403");

    assertThat(kube.count("POST " + JOBS)).isZero();
    assertThat(kube.count("POST " + SECRETS)).isZero();
    assertThat(jobCount()).isZero();
  }

  @Test
  void persistentServerErrorsOnNetworkPolicyAreRetriedThenNoJob() throws Exception {
    kube.server
        .expect()
        .post()
        .withPath(POLICIES)
        .andReturn(503, status(503, "Unavailable"))
        .always();

    assertThatThrownBy(() -> kube.runner.launch(spec))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("after 4 attempt(s)")
        .hasMessageContaining("HTTP 503");

    assertThat(kube.count("POST " + POLICIES)).isEqualTo(4);
    assertThat(jobCount()).isZero();
  }

  /** The run's policy with an egress rule that allows everything. */
  NetworkPolicy widened() {
    return new NetworkPolicyBuilder(NetworkPolicyFactory.build(spec, kube.config))
        .editSpec()
        .withEgress(new NetworkPolicyEgressRule())
        .endSpec()
        .build();
  }

  @Test
  void networkPolicyStoredDifferentMeansNoJob() throws Exception {
    // e.g. a mutating admission webhook widened it: the create answers with what was stored
    NetworkPolicy widened = widened();
    kube.server.expect().post().withPath(POLICIES).andReturn(201, widened).always();

    assertThatThrownBy(() -> kube.runner.launch(spec))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("as stored differs from the one created");

    assertThat(kube.count("POST " + SECRETS)).isZero();
    assertThat(kube.count("POST " + JOBS)).isZero();
    assertThat(jobCount()).isZero();
    assertThat(kube.count("DELETE " + POLICIES + "/" + name())).isOne();
  }

  @Test
  void networkPolicyOfAnEarlierAttemptIsReadAndConfirmedBeforeTheJob() throws Exception {
    NetworkPolicy widened = widened();
    kube.client.network().v1().networkPolicies().resource(widened).create();

    assertThatThrownBy(() -> kube.runner.launch(spec))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("as stored differs from the one created");

    assertThat(kube.count("GET " + POLICIES + "/" + name())).isOne();
    assertThat(kube.count("POST " + JOBS)).isZero();
    assertThat(jobCount()).isZero();
    assertThat(kube.client.network().v1().networkPolicies().withName(name()).get()).isNull();
  }

  @Test
  void networkPolicyOfAnEarlierAttemptMissingOnReadMeansNoJob() throws Exception {
    kube.server
        .expect()
        .post()
        .withPath(POLICIES)
        .andReturn(409, status(409, "AlreadyExists"))
        .always();

    assertThatThrownBy(() -> kube.runner.launch(spec))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("is missing");

    assertThat(kube.count("POST " + JOBS)).isZero();
    assertThat(jobCount()).isZero();
  }

  @Test
  void aJobOfAnEarlierAttemptIsAdoptedWithoutCreatingAnything() throws Exception {
    // an earlier attempt got as far as the Job, then the platform stopped before recording it
    kube.client
        .network()
        .v1()
        .networkPolicies()
        .resource(NetworkPolicyFactory.build(spec, kube.config))
        .create();
    kube.client.batch().v1().jobs().resource(JobFactory.job(spec, kube.config)).create();

    assertThat(kube.runner.launch(spec).state()).isEqualTo(RunState.PENDING);

    assertThat(kube.count("POST " + POLICIES)).isEqualTo(2);
    assertThat(kube.count("POST " + SECRETS)).isZero();
    assertThat(kube.count("POST " + JOBS)).isOne();
    assertThat(jobCount()).isOne();
  }

  @Test
  void aSecretLeftByAnEarlierAttemptIsReplacedWithoutReadingIt() throws Exception {
    Secret stale =
        new SecretBuilder(
                JobFactory.secret(
                    spec,
                    kube.config,
                    new StagingTokenIssuer.StagingTokens("stale-fetch", "stale-upload")))
            .build();
    kube.client.secrets().resource(stale).create();

    assertThat(kube.runner.launch(spec).state()).isEqualTo(RunState.PENDING);

    Secret secret = kube.client.secrets().withName(name()).get();
    assertThat(secret.getData().get("fetch-token"))
        .isNotEqualTo(stale.getData().get("fetch-token"));
    assertThat(kube.count("DELETE " + SECRETS + "/" + name())).isOne();
    // the test's own read above is the only one: the runner has no right to read Secrets
    assertThat(kube.count("GET " + SECRETS)).isOne();
    assertThat(jobCount()).isOne();
  }

  /** Launches the run, then has the API refuse the next {@code times} reads of its Job (403). */
  private void launchWithJobReadsRefused(int times) throws Exception {
    kube.runner.launch(spec);
    kube.server
        .expect()
        .get()
        .withPath(JOBS + "/" + name())
        .andReturn(403, status(403, "Forbidden"))
        .times(times);
  }

  /**
   * A running run's log read that the API refuses is an error of {@code logs}; {@code logsOrEmpty},
   * which the platform uses, answers an empty log instead.
   */
  @Test
  void aRefusedLiveLogReadIsAnErrorOrAnEmptyLog() throws Exception {
    launchWithJobReadsRefused(2);

    assertThatThrownBy(() -> kube.runner.logs(spec.runId()))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("403");
    RunLogs logs = kube.runner.logsOrEmpty(spec.runId());
    assertThat(logs.stdout()).isEmpty();
    assertThat(logs.stderr()).isEmpty();
    assertThat(logs.truncated()).isFalse();
  }

  @Test
  void aCancelWhoseLogCannotBeReadStillDeletesTheJob() throws Exception {
    launchWithJobReadsRefused(1);

    RunStatus cancelled = kube.runner.cancel(spec.runId());

    assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
    assertThat(kube.runner.logs(spec.runId()).stdout()).isEmpty();
    assertThat(jobCount()).isZero();
  }

  @Test
  void availabilitySaysWhyWhenTheApiRefuses() {
    assertThat(kube.runner.availability().available()).isTrue();
    kube.server
        .expect()
        .get()
        .withPath(
            JOBS
                + "?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dcapenv%2Ccapenv.org%2Finstance%3Dtest-install")
        .andReturn(403, status(403, "Forbidden"))
        .always();
    kube.server
        .expect()
        .get()
        .withPath(
            JOBS
                + "?labelSelector=capenv.org%2Finstance%3Dtest-install%2Capp.kubernetes.io%2Fmanaged-by%3Dcapenv")
        .andReturn(403, status(403, "Forbidden"))
        .always();

    var availability = kube.runner.availability();

    assertThat(availability.available()).isFalse();
    assertThat(availability.detail()).contains("capenv-tools", "RBAC");
  }
}
