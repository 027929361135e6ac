package org.capenv.api.run.service;

import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.common.ProblemTypes;
import org.capenv.api.common.UnprocessableContent;

/** The problem types of runs. */
final class RunProblems {
  static final URI NOT_FOUND = URI.create("https://capenv.org/problems/run-not-found");
  static final URI TOOL_NOT_FOUND =
      URI.create("https://capenv.org/problems/tool-version-not-found");
  static final URI NOT_RUNNABLE =
      URI.create("https://capenv.org/problems/tool-version-not-runnable");
  static final URI DENIED = URI.create("https://capenv.org/problems/run-denied");
  static final URI IDEMPOTENCY = URI.create("https://capenv.org/problems/idempotency-key-reused");
  static final URI STATE = URI.create("https://capenv.org/problems/run-state");
  static final URI LAUNCH_QUEUE_FULL = URI.create("https://capenv.org/problems/launch-queue-full");
  static final URI FORBIDDEN = URI.create("https://capenv.org/problems/run-forbidden");

  private RunProblems() {}

  static ProblemException notFound() {
    return new ProblemException(
        Status.NOT_FOUND,
        NOT_FOUND,
        "Run not found",
        "There is no run with this id that you can see.");
  }

  static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(
        UnprocessableContent.STATUS,
        ProblemTypes.VALIDATION,
        "Invalid run request",
        "The request breaks " + errors.size() + " rule(s); see errors.",
        errors);
  }

  static ProblemException denied(List<String> messages) {
    return new ProblemException(
        Status.FORBIDDEN,
        DENIED,
        "Run denied by policy",
        String.join(" ", messages),
        messages.stream().map(m -> new Problem.FieldError("policy", m)).toList());
  }

  /** The run could not be put on record, so it was not started. */
  static ProblemException auditUnavailable() {
    return new ProblemException(
        Status.SERVICE_UNAVAILABLE,
        ProblemTypes.AUDIT_UNAVAILABLE,
        "Audit log unavailable",
        "The run could not be recorded in the audit log, so it was not started. Try again later.");
  }

  /** The launch queue is full: nothing was recorded, and the caller may retry after a while. */
  static ProblemException queueFull(Duration retryAfter) {
    return new ProblemException(
            Status.SERVICE_UNAVAILABLE,
            LAUNCH_QUEUE_FULL,
            "Too many runs waiting to launch",
            "The platform is launching as many runs as it can take; this one was not recorded."
                + " Try again later.")
        .retryAfter(retryAfter);
  }

  static ProblemException forbidden(String detail) {
    return new ProblemException(Status.FORBIDDEN, FORBIDDEN, "Forbidden", detail);
  }

  static ProblemException state(String detail) {
    return new ProblemException(Status.CONFLICT, STATE, "Not possible in this state", detail);
  }
}
