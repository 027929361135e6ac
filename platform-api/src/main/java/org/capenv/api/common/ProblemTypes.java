package org.capenv.api.common;

import java.net.URI;

/** Problem type URIs used by the shared mappers; features add their own next to their code. */
public final class ProblemTypes {
  /** RFC 9457 section 4.2.1: the status code alone describes the problem. */
  public static final URI ABOUT_BLANK = URI.create("about:blank");

  /** The request body or parameters failed validation; {@code errors} lists the fields. */
  public static final URI VALIDATION = URI.create("https://capenv.org/problems/validation");

  /** The request body is not well-formed JSON or a value has the wrong type. */
  public static final URI MALFORMED_BODY = URI.create("https://capenv.org/problems/malformed-body");

  /**
   * The request URL is malformed: a bad percent escape, escapes that are not UTF-8, or a character
   * a URL may not carry. Answered before authentication and before any endpoint.
   */
  public static final URI MALFORMED_URL = URI.create("https://capenv.org/problems/malformed-url");

  /**
   * The audit log could not record the action, so the action did not happen (fail closed). The
   * caller may try again later.
   */
  public static final URI AUDIT_UNAVAILABLE =
      URI.create("https://capenv.org/problems/audit-unavailable");

  private ProblemTypes() {}
}
