package org.capenv.audit.store;

import java.time.Instant;
import java.util.function.Consumer;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Outcome;

/**
 * Auditor search. Every non-null filter must match; results are ordered by sequence number and
 * paged with a cursor: pass the previous page's {@link AuditPage#nextAfterSeq()} as {@code
 * afterSeq}.
 *
 * @param actorSubject token subject
 * @param force actor's force
 * @param clientId calling client
 * @param toolName tool name
 * @param action action
 * @param outcome outcome
 * @param caseReference case or operation reference
 * @param runId run id
 * @param from entries at or after this time
 * @param to entries strictly before this time
 * @param afterSeq only entries with a larger sequence number ({@code -1}: from the start)
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(
    String actorSubject,
    String force,
    String clientId,
    String toolName,
    Action action,
    Outcome outcome,
    String caseReference,
    String runId,
    Instant from,
    Instant to,
    long afterSeq,
    int limit) {
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
    if (afterSeq < -1) {
      throw new IllegalArgumentException("afterSeq must be -1 or a sequence number");
    }
  }

  /** All entries, first page of {@code limit}. */
  public static AuditQuery all(int limit) {
    return new AuditQuery(null, null, null, null, null, null, null, null, null, null, -1, limit);
  }

  public AuditQuery withActorSubject(String v) {
    return with(q -> q.actorSubject = v);
  }

  public AuditQuery withForce(String v) {
    return with(q -> q.force = v);
  }

  public AuditQuery withClientId(String v) {
    return with(q -> q.clientId = v);
  }

  public AuditQuery withToolName(String v) {
    return with(q -> q.toolName = v);
  }

  public AuditQuery withAction(Action v) {
    return with(q -> q.action = v);
  }

  public AuditQuery withOutcome(Outcome v) {
    return with(q -> q.outcome = v);
  }

  public AuditQuery withCaseReference(String v) {
    return with(q -> q.caseReference = v);
  }

  public AuditQuery withRunId(String v) {
    return with(q -> q.runId = v);
  }

  public AuditQuery withTimeRange(Instant fromInclusive, Instant toExclusive) {
    return with(
        q -> {
          q.from = fromInclusive;
          q.to = toExclusive;
        });
  }

  public AuditQuery withAfterSeq(long v) {
    return with(q -> q.afterSeq = v);
  }

  /** A copy with {@code change} applied to its fields, checked as any new query is. */
  private AuditQuery with(Consumer<Draft> change) {
    Draft f = new Draft(this);
    change.accept(f);
    return new AuditQuery(
        f.actorSubject,
        f.force,
        f.clientId,
        f.toolName,
        f.action,
        f.outcome,
        f.caseReference,
        f.runId,
        f.from,
        f.to,
        f.afterSeq,
        f.limit);
  }

  /** The fields of a query being copied with changes. */
  private static final class Draft {
    String actorSubject;
    String force;
    String clientId;
    String toolName;
    Action action;
    Outcome outcome;
    String caseReference;
    String runId;
    Instant from;
    Instant to;
    long afterSeq;
    final int limit;

    Draft(AuditQuery q) {
      actorSubject = q.actorSubject;
      force = q.force;
      clientId = q.clientId;
      toolName = q.toolName;
      action = q.action;
      outcome = q.outcome;
      caseReference = q.caseReference;
      runId = q.runId;
      from = q.from;
      to = q.to;
      afterSeq = q.afterSeq;
      limit = q.limit;
    }
  }
}
