package org.capenv.api.auditor.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.store.AuditQuery;

/**
 * The filters of an auditor's search or export, parsed and checked (see the REST layer's {@code
 * AuditParams}). Every non-null filter must match. Times select on the time the log recorded the
 * entry: {@code from} inclusive, {@code to} exclusive.
 */
public record AuditFilter(
    String actor,
    String force,
    String client,
    String tool,
    Action action,
    Outcome outcome,
    String caseReference,
    String runId,
    Instant from,
    Instant to) {

  /** No filter: the whole log. */
  public static final AuditFilter NONE =
      new AuditFilter(null, null, null, null, null, null, null, null, null, null);

  /** Only the entries of one actor (the caller's own activity). */
  public static AuditFilter actor(String subject) {
    return new AuditFilter(subject, null, null, null, null, null, null, null, null, null);
  }

  /** The audit module's query for one page after sequence number {@code after}. */
  public AuditQuery query(long after, int limit) {
    return new AuditQuery(
        actor, force, client, tool, action, outcome, caseReference, runId, from, to, after, limit);
  }

  /** The filters in use, by their query parameter names, in a fixed order. */
  public Map<String, String> asParameters() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "actor", actor);
    put(m, "force", force);
    put(m, "client", client);
    put(m, "tool", tool);
    put(m, "action", action == null ? null : action.code());
    put(m, "outcome", outcome == null ? null : outcome.code());
    put(m, "caseReference", caseReference);
    put(m, "runId", runId);
    put(m, "from", from == null ? null : from.toString());
    put(m, "to", to == null ? null : to.toString());
    return m;
  }

  /** The filters as a URL query string (without {@code ?}), empty when there is none. */
  public String toQueryString() {
    return asParameters().entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
