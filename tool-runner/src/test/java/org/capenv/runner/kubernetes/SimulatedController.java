package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the Job controller and the kubelet, which the mock API server does not run: it
 * makes the pod of a Job and moves pod and Job status the way a cluster would.
 */
final class SimulatedController {
  private final KubernetesClient client;
  private final String namespace;

  SimulatedController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  static String podName(String jobName) {
    return jobName + "-x7k2p";
  }

  /** The Job controller creates the pod; the kubelet starts it. */
  void start(String jobName) {
    createPod(jobName, "Running", List.of());
  }

  /**
   * The Job controller creates the pod and the kubelet runs its stage-in init container: the tool
   * container waits ({@code PodInitializing}).
   */
  void stageIn(String jobName) {
    createPod(jobName, "Pending", List.of(running("stage-in"), waiting("tool")));
  }

  private void createPod(String jobName, String phase, List<ContainerStatus> initStatuses) {
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(podName(jobName))
                .withNamespace(namespace)
                .withLabels(Map.of("job-name", jobName))
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .withInitContainerStatuses(initStatuses)
                .endStatus()
                .build())
        .create();
    setJobStatus(jobName, new JobStatusBuilder().withActive(1).build());
  }

  /** Stage-in has ended and the kubelet has started the tool container. */
  void startTool(String jobName) {
    Pod pod = client.pods().inNamespace(namespace).withName(podName(jobName)).get();
    pod.getStatus()
        .setInitContainerStatuses(
            List.of(terminated("stage-in", 0, null, "Completed"), running("tool")));
    client.pods().inNamespace(namespace).resource(pod).updateStatus();
  }

  /** The tool exited with {@code toolExit}; stage-out ran only if it was 0. */
  void finish(String jobName, int toolExit, String manifest) {
    Pod pod = client.pods().inNamespace(namespace).withName(podName(jobName)).get();
    pod.getStatus().setPhase(toolExit == 0 ? "Succeeded" : "Failed");
    pod.getStatus()
        .setInitContainerStatuses(
            List.of(
                terminated("stage-in", 0, null, null),
                terminated("tool", toolExit, null, toolExit == 0 ? "Completed" : "Error")));
    if (toolExit == 0) {
      pod.getStatus()
          .setContainerStatuses(List.of(terminated("stage-out", 0, manifest, "Completed")));
    }
    client.pods().inNamespace(namespace).resource(pod).updateStatus();
    setJobStatus(
        jobName,
        new JobStatusBuilder()
            .withActive(0)
            .withSucceeded(toolExit == 0 ? 1 : 0)
            .withFailed(toolExit == 0 ? 0 : 1)
            .withConditions(
                new JobConditionBuilder()
                    .withType(toolExit == 0 ? "Complete" : "Failed")
                    .withStatus("True")
                    .withReason(toolExit == 0 ? null : "BackoffLimitExceeded")
                    .withMessage(
                        toolExit == 0 ? null : "Job has reached the specified backoff limit")
                    .build())
            .build());
  }

  /** activeDeadlineSeconds passed: the Job controller kills the pod and fails the Job. */
  void deadline(String jobName) {
    setJobStatus(
        jobName,
        new JobStatusBuilder()
            .withActive(0)
            .withFailed(1)
            .withConditions(
                new JobConditionBuilder()
                    .withType("Failed")
                    .withStatus("True")
                    .withReason("DeadlineExceeded")
                    .withMessage("Job was active longer than specified deadline")
                    .build())
            .build());
  }

  private void setJobStatus(String jobName, JobStatus status) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
    job.setStatus(status);
    client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
  }

  private static ContainerStatus running(String name) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewRunning()
        .endRunning()
        .endState()
        .build();
  }

  private static ContainerStatus waiting(String name) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewWaiting()
        .withReason("PodInitializing")
        .endWaiting()
        .endState()
        .build();
  }

  private static ContainerStatus terminated(String name, int exit, String message, String reason) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewTerminated()
        .withExitCode(exit)
        .withMessage(message)
        .withReason(reason)
        .endTerminated()
        .endState()
        .build();
  }
}
