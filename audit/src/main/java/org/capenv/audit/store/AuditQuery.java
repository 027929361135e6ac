package org.capenv.audit.store;

import java.time.Instant;
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
    return new AuditQuery(
        v,
        force,
        clientId,
        toolName,
        action,
        outcome,
        caseReference,
        runId,
        from,
        to,
        afterSeq,
        limit);
  }

  public AuditQuery withForce(String v) {
    return new AuditQuery(
        actorSubject,
        v,
        clientId,
        toolName,
        action,
        outcome,
        caseReference,
        runId,
        from,
        to,
        afterSeq,
        limit);
  }

  public AuditQuery withClientId(String v) {
    return new AuditQuery(
        actorSubject,
        force,
        v,
        toolName,
        action,
        outcome,
        caseReference,
        runId,
        from,
        to,
        afterSeq,
        limit);
  }

  public AuditQuery withToolName(String v) {
    return new AuditQuery(
        actorSubject,
        force,
        clientId,
        v,
        action,
        outcome,
        caseReference,
        runId,
        from,
        to,
        afterSeq,
        limit);
  }

  public AuditQuery withAction(Action v) {
    return new AuditQuery(
        actorSubject,
        force,
        clientId,
        toolName,
        v,
        outcome,
        caseReference,
        runId,
        from,
        to,
        afterSeq,
        limit);
  }

  public AuditQuery withOutcome(Outcome v) {
    return new AuditQuery(
        actorSubject,
        force,
        clientId,
        toolName,
        action,
        v,
        caseReference,
        runId,
        from,
        to,
        afterSeq,
        limit);
  }

  public AuditQuery withCaseReference(String v) {
    return new AuditQuery(
        actorSubject,
        force,
        clientId,
        toolName,
        action,
        outcome,
        v,
        runId,
        from,
        to,
        afterSeq,
        limit);
  }

  public AuditQuery withRunId(String v) {
    return new AuditQuery(
        actorSubject,
        force,
        clientId,
        toolName,
        action,
        outcome,
        caseReference,
        v,
        from,
        to,
        afterSeq,
        limit);
  }

  public AuditQuery withTimeRange(Instant fromInclusive, Instant toExclusive) {
    return new AuditQuery(
        actorSubject,
        force,
        clientId,
        toolName,
        action,
        outcome,
        caseReference,
        runId,
        fromInclusive,
        toExclusive,
        afterSeq,
        limit);
  }

  public AuditQuery withAfterSeq(long v) {
    return new AuditQuery(
        actorSubject,
        force,
        clientId,
        toolName,
        action,
        outcome,
        caseReference,
        runId,
        from,
        to,
        v,
        limit);
  }
}
