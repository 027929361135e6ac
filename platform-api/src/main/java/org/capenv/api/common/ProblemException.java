package org.capenv.api.common;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Base of the platform's domain exceptions: each carries the HTTP status and the problem type it
 * maps to, so services can fail with a precise error without knowing about JAX-RS responses.
 *
 * <p>The message is the problem {@code detail} and is shown to the caller: never put secrets,
 * internal identifiers or exception text from a library in it.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Response.StatusType status;
  private final URI type;
  private final String title;
  private final List<Problem.FieldError> errors;
  private Duration retryAfter;

  /**
   * @param status the HTTP status of the response
   * @param type the problem type, e.g. {@code https://capenv.org/problems/tool-not-approved}
   * @param title the fixed summary of that type
   * @param detail the caller-facing explanation of this occurrence
   */
  public ProblemException(Response.StatusType status, URI type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  /**
   * A problem that lists the invalid fields of the request.
   *
   * @param errors each invalid field and why, e.g. a manifest's JSON pointer and the rule broken
   */
  public ProblemException(
      Response.StatusType status,
      URI type,
      String title,
      String detail,
      List<Problem.FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  /** A problem of type {@code about:blank} whose title is the status reason phrase. */
  public ProblemException(Response.StatusType status, String detail) {
    this(status, ProblemTypes.ABOUT_BLANK, status.getReasonPhrase(), detail);
  }

  public Response.StatusType status() {
    return status;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  public List<Problem.FieldError> errors() {
    return errors;
  }

  /** Asks the caller to retry after {@code delay} ({@code Retry-After}); for 503 and 429. */
  public ProblemException retryAfter(Duration delay) {
    this.retryAfter = delay;
    return this;
  }

  /** When the caller may retry, if this problem says. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
