package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;

/** Reads a run's state from its Job and, when present, its pod. */
final class JobStatusMapper {
  private JobStatusMapper() {}

  static RunStatus map(String runId, Job job, Optional<Pod> pod) {
    var status = job.getStatus();
    Optional<ContainerStateTerminated> tool =
        pod.flatMap(
            p ->
                terminated(
                    p.getStatus() == null ? null : p.getStatus().getInitContainerStatuses(),
                    RunObjects.TOOL_CONTAINER));
    Optional<Integer> exit = tool.map(ContainerStateTerminated::getExitCode);
    if (status != null && status.getConditions() != null) {
      for (JobCondition condition : status.getConditions()) {
        if (!"True".equals(condition.getStatus())) {
          continue;
        }
        if ("Complete".equals(condition.getType())) {
          return new RunStatus(
              runId,
              RunState.SUCCEEDED,
              exit.or(() -> Optional.of(0)),
              "Completed",
              "Job complete",
              Instant.now());
        }
        if ("Failed".equals(condition.getType())) {
          return new RunStatus(
              runId,
              RunState.FAILED,
              exit,
              failureReason(condition, tool),
              failureMessage(condition, tool),
              Instant.now());
        }
      }
    }
    if (status != null && status.getActive() != null && status.getActive() > 0) {
      return RunStatus.of(runId, RunState.RUNNING, "", "pod active");
    }
    return RunStatus.of(runId, RunState.PENDING, "", "Job created, pod not started");
  }

  private static String failureReason(
      JobCondition condition, Optional<ContainerStateTerminated> tool) {
    if ("DeadlineExceeded".equals(condition.getReason())) {
      return "DeadlineExceeded";
    }
    if (tool.isPresent()) {
      if ("OOMKilled".equals(tool.get().getReason())) {
        return "MemoryLimitExceeded";
      }
      if (tool.get().getExitCode() != null && tool.get().getExitCode() != 0) {
        return "NonZeroExit";
      }
      return "StagingFailed";
    }
    return condition.getReason() == null ? "JobFailed" : condition.getReason();
  }

  private static String failureMessage(
      JobCondition condition, Optional<ContainerStateTerminated> tool) {
    String base = condition.getMessage() == null ? "Job failed" : condition.getMessage();
    return tool.map(t -> base + "; tool exited with status " + t.getExitCode()).orElse(base);
  }

  static Optional<ContainerStateTerminated> terminated(
      List<ContainerStatus> statuses, String container) {
    if (statuses == null) {
      return Optional.empty();
    }
    return statuses.stream()
        .filter(s -> container.equals(s.getName()))
        .findFirst()
        .map(ContainerStatus::getState)
        .map(state -> state.getTerminated());
  }

  /**
   * Whether the pod says the tool container has not run yet: it is listed as waiting (e.g. {@code
   * PodInitializing} while stage-in runs) and has never ended. A pod that does not list it may have
   * run it, so it does not count.
   */
  static boolean toolNotStarted(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getInitContainerStatuses() == null) {
      return false;
    }
    return pod.getStatus().getInitContainerStatuses().stream()
        .filter(s -> RunObjects.TOOL_CONTAINER.equals(s.getName()))
        .findFirst()
        .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
        .filter(s -> s.getLastState() == null || s.getLastState().getTerminated() == null)
        .isPresent();
  }
}
