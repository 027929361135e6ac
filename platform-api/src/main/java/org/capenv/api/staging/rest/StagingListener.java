package org.capenv.api.staging.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemTypes;
import org.capenv.api.config.RunnerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * Keeps the staging API and the rest of the platform on separate listeners: the HTTPS listener,
 * whose certificate the staging containers verify and the only port a tool pod may reach, serves
 * {@code /staging/*} and nothing else; the plain listener (API, portal, probes, behind the Ingress)
 * refuses {@code /staging/*}. A tool pod therefore never reaches the user-facing API, and a staging
 * token never travels in clear. With the Kubernetes runner the start fails without an HTTPS
 * listener, because no run could stage anything.
 */
@ApplicationScoped
public class StagingListener {
  static final String PREFIX = "/staging/";

  /** Before authentication and every other route: nothing else sees a refused request. */
  private static final int PRIORITY = 1000;

  private static final List<String> TLS_KEYS =
      List.of(
          "quarkus.http.ssl.certificate.files",
          "quarkus.http.ssl.certificate.key-store-file",
          "quarkus.http.tls-configuration-name");

  @Inject ObjectMapper json;

  void register(@Observes Filters filters) {
    filters.register(this::route, PRIORITY);
  }

  void checkOnStart(@Observes StartupEvent event, RunnerConfig runner, Config config) {
    if (runner.type() == RunnerConfig.Type.KUBERNETES
        && TLS_KEYS.stream()
            .noneMatch(key -> config.getOptionalValue(key, String.class).isPresent())) {
      throw new IllegalStateException(
          "capenv.runner.type=kubernetes needs the HTTPS staging listener: set"
              + " quarkus.http.ssl.certificate.files and quarkus.http.ssl.certificate.key-files"
              + " (docs/configuration.md)");
    }
  }

  private void route(RoutingContext rc) {
    boolean staging;
    try {
      staging = isStaging(rc);
    } catch (IllegalArgumentException malformed) {
      // a path that cannot be decoded is served by neither listener
      refuse(rc, "malformed request path");
      return;
    }
    if (rc.request().isSSL() == staging) {
      rc.next();
      return;
    }
    String detail =
        staging
            ? "the staging API is served only on the platform's HTTPS staging port"
            : "this port serves only the staging API";
    refuse(rc, detail);
  }

  /**
   * Whether the request is for the staging API, by its normalised path and by its decoded raw path,
   * so that neither dot segments nor percent-encoding can route around the rule.
   */
  static boolean isStaging(RoutingContext rc) {
    return underStaging(rc.normalizedPath())
        || underStaging(URLDecoder.decode(rc.request().path(), StandardCharsets.UTF_8));
  }

  private static boolean underStaging(String path) {
    return path != null && (path.startsWith(PREFIX) || path.equals("/staging"));
  }

  private void refuse(RoutingContext rc, String detail) {
    Problem problem =
        new Problem(ProblemTypes.ABOUT_BLANK, "Not Found", 404, detail, null, null, null);
    String body;
    try {
      body = json.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{\"title\":\"Not Found\",\"status\":404}";
    }
    rc.response()
        .setStatusCode(404)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }
}
