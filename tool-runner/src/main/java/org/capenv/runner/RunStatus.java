package org.capenv.runner;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A point-in-time status of one run.
 *
 * @param runId the run
 * @param state lifecycle state
 * @param exitCode exit code of the tool process, when it exited
 * @param reason short machine-stable reason for terminal states (e.g. {@code Completed}, {@code
 *     DeadlineExceeded}, {@code OutputLimitExceeded}); empty otherwise
 * @param message human-readable detail for operators and the audit entry
 * @param at when the runner observed this status
 */
public record RunStatus(
    String runId,
    RunState state,
    Optional<Integer> exitCode,
    String reason,
    String message,
    Instant at) {
  public RunStatus {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(exitCode, "exitCode");
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
    Objects.requireNonNull(at, "at");
  }

  public static RunStatus of(String runId, RunState state, String reason, String message) {
    return new RunStatus(runId, state, Optional.empty(), reason, message, Instant.now());
  }

  public static RunStatus exited(
      String runId, RunState state, int exitCode, String reason, String message) {
    return new RunStatus(runId, state, Optional.of(exitCode), reason, message, Instant.now());
  }
}
