package org.capenv.api.common;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Builds problem+json responses; the one place that decides their shape and headers. */
public final class Problems {
  private Problems() {}

  /**
   * A response carrying an RFC 9457 body for the given request path, with the current trace id.
   * Error bodies are never cached: they can describe a caller's own data.
   */
  public static Response.ResponseBuilder response(
      Response.StatusType status,
      URI type,
      String title,
      String detail,
      String path,
      List<Problem.FieldError> errors) {
    Problem problem =
        new Problem(
            type,
            title,
            status.getStatusCode(),
            detail,
            instance(path),
            TraceIds.current(),
            errors);
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .header("Cache-Control", "no-store")
        .entity(problem);
  }

  private static URI instance(String rawPath) {
    if (rawPath == null) {
      return null;
    }
    try {
      // the raw path is already percent-encoded: parse it, do not encode it again
      return new URI(rawPath);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** A problem of type {@code about:blank} titled with the status reason phrase. */
  public static Response.ResponseBuilder response(
      Response.StatusType status, String detail, String path) {
    return response(
        status, ProblemTypes.ABOUT_BLANK, status.getReasonPhrase(), detail, path, List.of());
  }
}
