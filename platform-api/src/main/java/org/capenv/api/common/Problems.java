package org.capenv.api.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
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
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .header("Cache-Control", "no-store")
        .entity(problem(status, type, title, detail, path, errors));
  }

  /** The body of a problem for the given request path, with the current trace id. */
  public static Problem problem(
      Response.StatusType status,
      URI type,
      String title,
      String detail,
      String path,
      List<Problem.FieldError> errors) {
    return new Problem(
        type, title, status.getStatusCode(), detail, instance(path), TraceIds.current(), errors);
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

  /**
   * Ends a request refused by a Vert.x route, before JAX-RS: the body and headers of {@link
   * #response}. Its body, if it has one, is not read, so the connection is closed rather than left
   * with the body unread on it.
   */
  public static void end(
      RoutingContext context,
      ObjectMapper json,
      Response.StatusType status,
      URI type,
      String title,
      String detail,
      List<Problem.FieldError> errors) {
    Problem problem = problem(status, type, title, detail, context.request().path(), errors);
    String body;
    try {
      body = json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{}";
    }
    context
        .response()
        .setStatusCode(status.getStatusCode())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body);
  }

  /** A problem of type {@code about:blank} titled with the status reason phrase. */
  public static Response.ResponseBuilder response(
      Response.StatusType status, String detail, String path) {
    return response(
        status, ProblemTypes.ABOUT_BLANK, status.getReasonPhrase(), detail, path, List.of());
  }
}
