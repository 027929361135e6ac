package org.capenv.api.auditor.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EntryCodec;

/**
 * One audit entry as auditors and the caller's own activity see it: the headline fields, the leaf
 * hash and the complete entry as its canonical JSON object (the authoritative form, field names as
 * in the audit entry format).
 *
 * @param seq sequence number in the log
 * @param time when the action happened (UTC, as recorded in the entry)
 * @param action action code, e.g. {@code run.requested}
 * @param operation DPA 2018 s.62 operation kind, or null
 * @param outcome {@code success}, {@code denied} or {@code failure}
 * @param actor who acted
 * @param leafHash RFC 9162 leaf hash of the canonical bytes (hex)
 * @param entry every field of the entry, decoded from its canonical bytes
 */
public record AuditEntryView(
    long seq,
    String time,
    String action,
    String operation,
    String outcome,
    ActorView actor,
    String leafHash,
    JsonNode entry) {

  /** Who acted, as the identity provider said. */
  public record ActorView(
      String subject,
      String username,
      String force,
      String clientId,
      List<String> roles,
      String vetting) {}

  static AuditEntryView of(long seq, AuditEntry e, String leafHash, JsonNode entry) {
    return new AuditEntryView(
        seq,
        EntryCodec.formatTime(e.time()),
        e.action().code(),
        e.operation() == null ? null : e.operation().code(),
        e.outcome().code(),
        new ActorView(
            e.actor().subject(),
            e.actor().username(),
            e.actor().force(),
            e.actor().clientId(),
            e.actor().roles(),
            e.actor().vetting()),
        leafHash,
        entry);
  }

  /** The tool name, for tables. */
  @JsonIgnore
  public String toolName() {
    return text("tool", "name");
  }

  /** The case or operation reference, for tables. */
  @JsonIgnore
  public String caseReference() {
    return text("justification", "caseReference");
  }

  /** The run id, for tables. */
  @JsonIgnore
  public String runId() {
    return entry.path("runId").asText("");
  }

  /** Who acted, for tables: the username if known, else the subject. */
  @JsonIgnore
  public String actorName() {
    return actor.username() != null ? actor.username() : actor.subject();
  }

  private String text(String object, String field) {
    return entry.path(object).path(field).asText("");
  }
}
