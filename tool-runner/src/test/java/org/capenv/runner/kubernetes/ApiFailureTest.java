package org.capenv.runner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.capenv.runner.RunState;
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
    // an earlier attempt created the Job, but this attempt's first read did not see it yet
    kube.client.batch().v1().jobs().resource(JobFactory.job(spec, kube.config)).create();
    kube.server
        .expect()
        .get()
        .withPath(JOBS + "/" + name())
        .andReturn(404, status(404, "NotFound"))
        .once();

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

  @Test
  void networkPolicyThatReadsBackDifferentMeansNoJob() throws Exception {
    NetworkPolicy widened =
        new NetworkPolicyBuilder(NetworkPolicyFactory.build(spec, kube.config))
            .editSpec()
            .withEgress(new NetworkPolicyEgressRule())
            .endSpec()
            .build();
    kube.server.expect().get().withPath(POLICIES + "/" + name()).andReturn(200, widened).always();

    assertThatThrownBy(() -> kube.runner.launch(spec))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("different from the one created");

    assertThat(kube.count("POST " + JOBS)).isZero();
    assertThat(jobCount()).isZero();
    assertThat(kube.count("DELETE " + POLICIES + "/" + name())).isOne();
  }

  @Test
  void networkPolicyMissingOnReadBackMeansNoJob() throws Exception {
    kube.server
        .expect()
        .get()
        .withPath(POLICIES + "/" + name())
        .andReturn(404, status(404, "NotFound"))
        .always();

    assertThatThrownBy(() -> kube.runner.launch(spec))
        .isInstanceOf(RunnerException.class)
        .hasMessageContaining("missing");

    assertThat(jobCount()).isZero();
  }
}
