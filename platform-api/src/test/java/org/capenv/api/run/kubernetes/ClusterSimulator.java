package org.capenv.api.run.kubernetes;

import static io.restassured.RestAssured.given;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plays the parts of a cluster that the mock API server does not run: the Job controller and
 * kubelet (pod creation, container and Job status) and the staging containers, which read their
 * token from the run's Secret and talk to the platform's staging API on its HTTPS listener, as
 * {@code capenv-stage} does.
 */
public final class ClusterSimulator {
  private final KubernetesClient client;

  public ClusterSimulator(KubernetesClient client) {
    this.client = client;
  }

  public static String jobName(String runId) {
    return "capenv-run-" + runId;
  }

  /** The run's Job once the platform created it. */
  public Job awaitJob(String runId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Job job = jobs().withName(jobName(runId)).get();
      if (job != null) {
        return job;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no Job for run " + runId + " within 30 s");
  }

  /** A token from the run's Secret, as mounted into one staging container. */
  public String token(String runId, String key) {
    Secret secret =
        client
            .secrets()
            .inNamespace(KubernetesRunnerProfile.NAMESPACE)
            .withName(jobName(runId))
            .get();
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  /**
   * A request to the platform's HTTPS staging listener. The certificate is the profile's throw-away
   * self-signed one ({@link StagingTlsResource}); what is under test here is the listener, not PKI.
   */
  public static RequestSpecification staging() {
    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    return given().baseUri("https://localhost").port(port).relaxedHTTPSValidation();
  }

  /** {@code stage-in}: one input fetched with the fetch token. */
  public static Response fetch(String runId, String name, String token) {
    return staging().auth().oauth2(token).get("/staging/runs/" + runId + "/inputs/" + name);
  }

  /** {@code stage-out}: one output uploaded with the upload token. */
  public static Response upload(String runId, String name, String token, byte[] content) {
    return staging()
        .auth()
        .oauth2(token)
        .contentType("application/octet-stream")
        .body(content)
        .put("/staging/runs/" + runId + "/outputs/" + name);
  }

  /** The Job controller creates the pod; the kubelet starts it. */
  public void start(String runId) {
    String job = jobName(runId);
    client
        .pods()
        .inNamespace(KubernetesRunnerProfile.NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(job + "-x7k2p")
                .withNamespace(KubernetesRunnerProfile.NAMESPACE)
                .withLabels(Map.of("job-name", job))
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build())
        .create();
    setJobStatus(job, new JobStatusBuilder().withActive(1).build());
  }

  /** The tool exited 0 and {@code stage-out} wrote {@code manifest} to its termination log. */
  public void succeed(String runId, String manifest) {
    String job = jobName(runId);
    Pod pod =
        client.pods().inNamespace(KubernetesRunnerProfile.NAMESPACE).withName(job + "-x7k2p").get();
    pod.getStatus().setPhase("Succeeded");
    pod.getStatus()
        .setInitContainerStatuses(List.of(terminated("stage-in", null), terminated("tool", null)));
    pod.getStatus().setContainerStatuses(List.of(terminated("stage-out", manifest)));
    client.pods().inNamespace(KubernetesRunnerProfile.NAMESPACE).resource(pod).updateStatus();
    setJobStatus(
        job,
        new JobStatusBuilder()
            .withActive(0)
            .withSucceeded(1)
            .withConditions(
                new JobConditionBuilder().withType("Complete").withStatus("True").build())
            .build());
  }

  private void setJobStatus(String name, JobStatus status) {
    Job job = jobs().withName(name).get();
    job.setStatus(status);
    jobs().resource(job).updateStatus();
  }

  private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs() {
    return client.batch().v1().jobs().inNamespace(KubernetesRunnerProfile.NAMESPACE);
  }

  private static ContainerStatus terminated(String name, String message) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withMessage(message)
        .withReason("Completed")
        .endTerminated()
        .endState()
        .build();
  }
}
