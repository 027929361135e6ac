package org.capenv.api.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A run as the API shows it.
 *
 * @param id run id
 * @param state PENDING, RUNNING, COMPLETED, FAILED or CANCELLED
 * @param tool tool name
 * @param version tool version
 * @param image the image by digest the run used
 * @param parameters the resolved parameters (defaults applied)
 * @param parametersDigest SHA-256 of the canonical parameters, as in the audit entries
 * @param inputs input files by name and hash
 * @param outputs output files by name and hash (once completed)
 * @param purpose stated purpose
 * @param caseReference case or operation reference
 * @param classification declared data classification
 * @param owner the username (or client) that started the run
 * @param force the force the run belongs to
 * @param policy the access policy decision that allowed it
 * @param exitCode the tool's exit code, once it exited
 * @param reason why it ended, for FAILED and CANCELLED runs
 * @param createdAt when it was requested
 * @param launchedAt when the runner accepted it
 * @param finishedAt when it ended
 * @param auditEntries the audit log entries about this run, by sequence number
 */
public record RunView(
    String id,
    String state,
    String tool,
    String version,
    String image,
    JsonNode parameters,
    String parametersDigest,
    List<FileView> inputs,
    List<FileView> outputs,
    String purpose,
    String caseReference,
    String classification,
    String owner,
    String force,
    PolicyView policy,
    Integer exitCode,
    String reason,
    Instant createdAt,
    Instant launchedAt,
    Instant finishedAt,
    List<AuditRef> auditEntries) {

  /** A named file and its SHA-256 and size. */
  public record FileView(String name, String sha256, long size) {}

  /** The policy decision: bundle digest, matched rules, messages. */
  public record PolicyView(String bundleDigest, List<String> rules, List<String> messages) {}

  /** An audit entry about the run. */
  public record AuditRef(long seq, String action) {}

  /**
   * A page of runs.
   *
   * @param items the runs
   * @param next cursor for the next page, null on the last page
   */
  public record Page(List<RunView> items, String next) {}
}
