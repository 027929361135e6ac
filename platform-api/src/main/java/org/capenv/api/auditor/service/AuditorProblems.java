package org.capenv.api.auditor.service;

import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import org.capenv.api.common.ProblemException;

/** The problem types of the auditor interface. */
final class AuditorProblems {
  static final URI ENTRY_NOT_FOUND =
      URI.create("https://capenv.org/problems/audit-entry-not-found");
  static final URI NOT_CHECKPOINTED =
      URI.create("https://capenv.org/problems/audit-entry-not-checkpointed");
  static final URI AUDIT_UNAVAILABLE = URI.create("https://capenv.org/problems/audit-unavailable");

  private AuditorProblems() {}

  static ProblemException entryNotFound(long seq, long size) {
    return new ProblemException(
        Status.NOT_FOUND,
        ENTRY_NOT_FOUND,
        "Audit entry not found",
        "The log has "
            + size
            + " entries (0 to "
            + (size - 1)
            + "); there is no entry "
            + seq
            + ".");
  }

  static ProblemException notCheckpointed(long seq, long signedSize) {
    return new ProblemException(
        Status.CONFLICT,
        NOT_CHECKPOINTED,
        "Entry not yet covered by a signed checkpoint",
        "Entry "
            + seq
            + " is not covered by the latest signed checkpoint (tree size "
            + signedSize
            + ") and a new checkpoint could not be signed now. Try again shortly.");
  }

  /** The consultation or disclosure could not be put on record, so it did not happen. */
  static ProblemException auditUnavailable(String what) {
    return new ProblemException(
        Status.SERVICE_UNAVAILABLE,
        AUDIT_UNAVAILABLE,
        "Audit log unavailable",
        "The "
            + what
            + " could not be recorded in the audit log, so it was not carried out. Try again"
            + " later.");
  }
}
