package org.capenv.api.auditor.rest;

import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.capenv.api.auditor.service.AuditFilter;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.common.ProblemTypes;

/** Paging links and path parameters shared by the audit endpoints and pages. */
final class Links {
  private Links() {}

  /** The absolute link to the page after {@code after}, keeping the filters and the page size. */
  static String page(UriInfo uri, String path, AuditFilter filter, long after, int limit) {
    return page(uri.getBaseUri().resolve(path).toString(), filter, after, limit);
  }

  /** The link to the page after {@code after} below {@code base}, keeping filters and size. */
  static String page(String base, AuditFilter filter, long after, int limit) {
    String query = filter == null ? "" : filter.toQueryString();
    return base + "?" + (query.isEmpty() ? "" : query + "&") + "after=" + after + "&limit=" + limit;
  }

  /** A sequence number from the path; a 400 problem naming it if it is not one. */
  static long seq(String value) {
    try {
      long seq = Long.parseLong(value);
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ProblemException(
        Status.BAD_REQUEST,
        ProblemTypes.VALIDATION,
        "Invalid audit query",
        "The sequence number must be a whole number from 0.",
        List.of(new Problem.FieldError("path.seq", "must be a whole number from 0")));
  }
}
