package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.RunnerException;

/**
 * Captures a finished run: its true status (with the tool's exit code from the pod), the tool's log
 * (bounded by {@code limitBytes}), and the output manifest written by {@code stage-out}; only then
 * marks the Job captured and gives it a TTL, and deletes the token Secret.
 */
final class RunCapture {
  private static final System.Logger LOG = System.getLogger(RunCapture.class.getName());

  private final KubernetesClient client;
  private final KubernetesRunnerConfig config;
  private final ApiRetry retry;

  RunCapture(KubernetesClient client, KubernetesRunnerConfig config, ApiRetry retry) {
    this.client = client;
    this.config = config;
    this.retry = retry;
  }

  /** What was captured of one terminal run. */
  record Captured(RunStatus status, RunLogs logs, List<RunOutput> outputs) {}

  Captured capture(String runId, Job job) {
    Optional<Pod> pod = pod(job);
    RunStatus status = JobStatusMapper.map(runId, job, pod);
    RunLogs logs = toolLog(job, pod);
    List<RunOutput> outputs = List.of();
    if (status.state() == RunState.SUCCEEDED) {
      try {
        Map<String, String> notes = job.getMetadata().getAnnotations();
        outputs =
            OutputManifest.parse(
                pod.flatMap(
                        p ->
                            JobStatusMapper.terminated(
                                p.getStatus().getContainerStatuses(), RunObjects.STAGE_OUT))
                    .map(t -> t.getMessage())
                    .orElse(null),
                OutputManifest.declared(notes.get(RunObjects.DECLARED_OUTPUTS)),
                Long.parseLong(notes.getOrDefault(RunObjects.OUTPUT_MAX_BYTES, "0")));
      } catch (RunnerException e) {
        status =
            new RunStatus(
                runId,
                RunState.FAILED,
                status.exitCode(),
                "OutputRejected",
                e.getMessage(),
                status.at());
      }
    }
    expire(job);
    return new Captured(status, logs, outputs);
  }

  /**
   * The tool's log so far, bounded as at capture: read while a run goes, and when it is cancelled,
   * before its Job and pod are deleted. Empty if the Job has no pod yet, its tool container has not
   * started, or the log cannot be read.
   */
  RunLogs log(Job job) {
    return toolLog(job, pod(job));
  }

  private Optional<Pod> pod(Job job) {
    try {
      return retry
          .call(
              "list pods of " + job.getMetadata().getName(),
              () ->
                  client
                      .pods()
                      .inNamespace(config.namespace())
                      .withLabel("job-name", job.getMetadata().getName())
                      .list())
          .getItems()
          .stream()
          .findFirst();
    } catch (RunnerException e) {
      LOG.log(Level.WARNING, e.getMessage());
      return Optional.empty();
    }
  }

  private RunLogs toolLog(Job job, Optional<Pod> pod) {
    // no pod, or its tool container waits for stage-in: there is no log yet, and the API server
    // would refuse to read it (400)
    if (pod.isEmpty() || JobStatusMapper.toolNotStarted(pod.get())) {
      return RunLogs.empty();
    }
    int limit =
        (int)
            Math.min(
                Integer.MAX_VALUE,
                Long.parseLong(
                    job.getMetadata()
                        .getAnnotations()
                        .getOrDefault(RunObjects.LOG_MAX_BYTES, "65536")));
    try {
      String log =
          retry.call(
              "read log of " + pod.get().getMetadata().getName(),
              () ->
                  client
                      .pods()
                      .inNamespace(config.namespace())
                      .withName(pod.get().getMetadata().getName())
                      .inContainer(RunObjects.TOOL_CONTAINER)
                      .limitBytes(limit)
                      .getLog());
      byte[] bytes = log == null ? new byte[0] : log.getBytes(StandardCharsets.UTF_8);
      // the limit is asked of the API server; kept here too, whatever the server sent
      byte[] kept = bytes.length > limit ? Arrays.copyOf(bytes, limit) : bytes;
      return new RunLogs(kept, new byte[0], bytes.length, 0);
    } catch (RunnerException e) {
      LOG.log(Level.WARNING, e.getMessage());
      return RunLogs.empty();
    }
  }

  /**
   * Marks the Job captured and only now gives it a TTL, so nothing is collected before (one merge
   * patch, no read); then deletes the token Secret, whether or not the patch succeeded.
   */
  private void expire(Job job) {
    String name = job.getMetadata().getName();
    String patch =
        RunObjects.mergePatch(
            Map.of(
                "metadata", Map.of("annotations", Map.of(RunObjects.CAPTURED, "true")),
                "spec", Map.of("ttlSecondsAfterFinished", config.ttlAfterCapture().toSeconds())));
    try {
      retry.call(
          "set TTL of Job " + name,
          () ->
              client
                  .batch()
                  .v1()
                  .jobs()
                  .inNamespace(config.namespace())
                  .resource(job)
                  .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot expire Job " + name + ": " + e.getMessage());
    }
    try {
      client.secrets().inNamespace(config.namespace()).withName(name).delete();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot delete Secret " + name + ": " + e.getMessage());
    }
  }
}
