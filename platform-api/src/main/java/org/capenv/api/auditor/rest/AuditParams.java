package org.capenv.api.auditor.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.capenv.api.auditor.service.AuditFilter;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.common.ProblemTypes;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.store.AuditQuery;

/**
 * The query parameters of audit searches and exports as they arrive, all text, so that every bad
 * value is reported as a 400 problem naming its parameter rather than a framework 404. Shared by
 * the API and the auditor pages.
 */
public class AuditParams {
  /** Page size when none is asked for. */
  public static final int DEFAULT_LIMIT = 50;

  private static final int MAX_TEXT = 256;

  @QueryParam("actor")
  public String actor;

  @QueryParam("force")
  public String force;

  @QueryParam("client")
  public String client;

  @QueryParam("tool")
  public String tool;

  @QueryParam("action")
  public String action;

  @QueryParam("outcome")
  public String outcome;

  @QueryParam("caseReference")
  public String caseReference;

  @QueryParam("runId")
  public String runId;

  @QueryParam("from")
  public String from;

  @QueryParam("to")
  public String to;

  @QueryParam("after")
  public String after;

  @QueryParam("limit")
  public String limit;

  /** Paging parameters only, for listings without filters. */
  static AuditParams paging(String after, String limit) {
    AuditParams p = new AuditParams();
    p.after = after;
    p.limit = limit;
    return p;
  }

  /** The checked filters; a 400 problem listing every bad parameter otherwise. */
  public AuditFilter filter() {
    List<Problem.FieldError> errors = new ArrayList<>();
    AuditFilter filter = parseFilter(errors);
    throwIfAny(errors);
    return filter;
  }

  /** The checked cursor: entries after this sequence number ({@code -1}: from the start). */
  public long afterSeq() {
    List<Problem.FieldError> errors = new ArrayList<>();
    long seq = parseAfter(errors);
    throwIfAny(errors);
    return seq;
  }

  /** The checked page size, 1 to {@link AuditQuery#MAX_LIMIT}. */
  public int pageSize() {
    List<Problem.FieldError> errors = new ArrayList<>();
    int n = parseLimit(errors);
    throwIfAny(errors);
    return n;
  }

  /** Checks everything at once, so that one answer names every bad parameter. */
  public void check() {
    List<Problem.FieldError> errors = new ArrayList<>();
    parseFilter(errors);
    parseAfter(errors);
    parseLimit(errors);
    throwIfAny(errors);
  }

  private AuditFilter parseFilter(List<Problem.FieldError> errors) {
    Instant fromTime = time("from", from, errors);
    Instant toTime = time("to", to, errors);
    if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
      errors.add(field("to", "must be later than from"));
    }
    return new AuditFilter(
        text("actor", actor, errors),
        text("force", force, errors),
        text("client", client, errors),
        text("tool", tool, errors),
        code("action", action, Action::fromCode, errors),
        code("outcome", outcome, Outcome::fromCode, errors),
        text("caseReference", caseReference, errors),
        text("runId", runId, errors),
        fromTime,
        toTime);
  }

  private long parseAfter(List<Problem.FieldError> errors) {
    if (blank(after)) {
      return -1;
    }
    try {
      long seq = Long.parseLong(after.strip());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(field("after", "must be the sequence number of a previous page's last entry"));
    return -1;
  }

  private int parseLimit(List<Problem.FieldError> errors) {
    if (blank(limit)) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(limit.strip());
      if (n >= 1 && n <= AuditQuery.MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(field("limit", "must be a whole number from 1 to " + AuditQuery.MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  private static String text(String name, String value, List<Problem.FieldError> errors) {
    if (blank(value)) {
      return null;
    }
    String v = value.strip();
    if (v.length() > MAX_TEXT || v.chars().anyMatch(Character::isISOControl)) {
      errors.add(field(name, "must be at most " + MAX_TEXT + " characters of plain text"));
      return null;
    }
    return v;
  }

  private static <T> T code(
      String name, String value, Function<String, T> parse, List<Problem.FieldError> errors) {
    if (blank(value)) {
      return null;
    }
    try {
      return parse.apply(value.strip());
    } catch (IllegalArgumentException e) {
      errors.add(field(name, "unknown " + name + "; see the audit entry format for the codes"));
      return null;
    }
  }

  /** An ISO-8601 instant; a date-time without an offset (as a browser form sends it) is UTC. */
  static Instant time(String name, String value, List<Problem.FieldError> errors) {
    if (blank(value)) {
      return null;
    }
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        errors.add(
            field(
                name,
                "must be an ISO-8601 date-time, e.g. 2026-11-25T14:30:00Z (UTC if no offset)"));
        return null;
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Problem.FieldError field(String name, String message) {
    return new Problem.FieldError("query." + name, message);
  }

  private static void throwIfAny(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Status.BAD_REQUEST,
          ProblemTypes.VALIDATION,
          "Invalid audit query",
          "The query has " + errors.size() + " invalid parameter(s); see errors.",
          errors);
    }
  }
}
