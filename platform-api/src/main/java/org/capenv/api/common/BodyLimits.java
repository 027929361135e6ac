package org.capenv.api.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps request bodies that are read whole small, before anything is read.
 *
 * <p>The HTTP layer's own limit ({@code quarkus.http.limits.max-body-size}) is one number for the
 * whole server, and must be large enough for uploads, which are streamed to disk and counted by
 * their own limit. Bodies the framework reads whole into memory (JSON, and the YAML or plain text
 * of a manifest) are held here to {@code capenv.http.max-body-size}: a declared length above it is
 * a 413, and such a body without a declared length (chunked) is a 411, since its size could only be
 * learnt by reading it. Form bodies (the portal's, whose files go to disk) keep the per-field
 * limits of the HTTP layer.
 */
@ApplicationScoped
public class BodyLimits {
  static final URI TOO_LARGE = URI.create("https://capenv.org/problems/body-too-large");
  static final URI LENGTH_REQUIRED = URI.create("https://capenv.org/problems/length-required");

  private static final Set<HttpMethod> BODY_METHODS =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  /** Text media types a manifest may be sent as (besides any {@code text/*}). */
  private static final Set<String> READ_WHOLE = Set.of("application/yaml", "application/x-yaml");

  /** Paths whose bodies are streamed and bounded by their own limits. */
  private static final List<String> STREAMED = List.of("/api/blobs", "/staging/");

  @Inject BodyLimitsConfig config;
  @Inject ObjectMapper json;

  void register(@Observes Filters filters) {
    // before authentication and routing: an oversized body is refused unread
    filters.register(this::check, 1000);
  }

  void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    // the normalised path, as the router matches it: "/api/blobs/../runs" is not an upload
    String path = context.normalizedPath();
    if (path == null || STREAMED.stream().anyMatch(path::startsWith) || !readWhole(request)) {
      context.next();
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    // HTTP/2 has no chunked encoding: a body of unknown length is simply one without the header
    boolean chunked =
        request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
            || (request.version() == HttpVersion.HTTP_2 && BODY_METHODS.contains(request.method()));
    long max = config.maxBodySize().asLongValue();
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        declared = Long.MAX_VALUE;
      }
      if (declared > max) {
        refuse(
            context,
            Status.REQUEST_ENTITY_TOO_LARGE,
            TOO_LARGE,
            "Request body too large",
            "The request body is larger than the " + max + " bytes accepted here.");
        return;
      }
    } else if (chunked) {
      refuse(
          context,
          Status.LENGTH_REQUIRED,
          LENGTH_REQUIRED,
          "Length required",
          "A request body here must declare its length (Content-Length).");
      return;
    }
    context.next();
  }

  /**
   * The media types whose bodies are read whole into memory: JSON, and the YAML or plain text a
   * manifest is sent as. Forms have their own per-field limits.
   */
  private static boolean readWhole(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    String bare = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return bare.equals("application/json")
        || bare.endsWith("+json")
        || READ_WHOLE.contains(bare)
        || bare.startsWith("text/");
  }

  private void refuse(
      RoutingContext context, Status status, URI type, String title, String detail) {
    // the body is not read: Problems.end closes the connection rather than leave it unread
    Problems.end(context, json, status, type, title, detail, List.of());
  }
}
