package org.capenv.api.auditor.service;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.entry.FileHash;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.store.StoredEntry;

/**
 * CSV rows of audit entries (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break). Any cell that a spreadsheet would run as a formula, one
 * starting with {@code = + - @}, a tab or a carriage return, is prefixed with an apostrophe
 * (OWASP's advice on CSV injection): entries carry text from users, such as purposes and user
 * agents.
 */
final class CsvRows {
  static final List<String> HEADER =
      List.of(
          "seq",
          "time",
          "action",
          "operation",
          "outcome",
          "actor_subject",
          "actor_username",
          "actor_force",
          "actor_client_id",
          "actor_roles",
          "actor_vetting",
          "target_type",
          "target_id",
          "purpose",
          "case_reference",
          "recipients",
          "tool_name",
          "tool_version",
          "tool_image",
          "run_id",
          "parameters_digest",
          "inputs",
          "outputs",
          "policy_decision",
          "policy_bundle_digest",
          "policy_rules",
          "trace_id",
          "client_address",
          "user_agent",
          "details",
          "leaf_hash");

  private CsvRows() {}

  static String header() {
    return line(HEADER);
  }

  static String row(StoredEntry stored) {
    AuditEntry e = stored.entry();
    return line(
        List.of(
            Long.toString(stored.seq()),
            EntryCodec.formatTime(e.time()),
            e.action().code(),
            e.operation() == null ? "" : e.operation().code(),
            e.outcome().code(),
            e.actor().subject(),
            orEmpty(e.actor().username()),
            orEmpty(e.actor().force()),
            orEmpty(e.actor().clientId()),
            String.join(" ", e.actor().roles()),
            orEmpty(e.actor().vetting()),
            e.target() == null ? "" : e.target().type(),
            e.target() == null ? "" : e.target().id(),
            e.justification() == null ? "" : orEmpty(e.justification().purpose()),
            e.justification() == null ? "" : orEmpty(e.justification().caseReference()),
            String.join("; ", e.recipients()),
            e.tool() == null ? "" : e.tool().name(),
            e.tool() == null ? "" : e.tool().version(),
            e.tool() == null ? "" : orEmpty(e.tool().image()),
            orEmpty(e.runId()),
            orEmpty(e.parametersDigest()),
            files(e.inputs()),
            files(e.outputs()),
            e.policy() == null ? "" : e.policy().decision(),
            e.policy() == null ? "" : e.policy().bundleDigest(),
            e.policy() == null ? "" : String.join("; ", e.policy().rules()),
            orEmpty(e.traceId()),
            e.origin() == null ? "" : orEmpty(e.origin().clientAddress()),
            e.origin() == null ? "" : orEmpty(e.origin().userAgent()),
            details(e.details()),
            Hex.of(stored.leafHash())));
  }

  /** One cell: neutralised if a spreadsheet would read it as a formula, then quoted if needed. */
  static String cell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0
        || v.indexOf('\'') == 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private static String line(List<String> cells) {
    return cells.stream().map(CsvRows::cell).collect(Collectors.joining(",")) + "\r\n";
  }

  private static String files(List<FileHash> files) {
    return files.stream().map(f -> f.name() + "=" + f.sha256()).collect(Collectors.joining("; "));
  }

  private static String details(Map<String, String> details) {
    return details.entrySet().stream()
        .map(d -> d.getKey() + "=" + d.getValue())
        .collect(Collectors.joining("; "));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
