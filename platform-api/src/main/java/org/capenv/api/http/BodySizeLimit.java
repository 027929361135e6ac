package org.capenv.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.capenv.api.common.ProblemTypes;
import org.capenv.api.common.Problems;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with a
 * 413 problem+json. Quarkus would refuse it too, one step later and with an empty body; bodies
 * without a length (chunked) are cut by Quarkus while being read, and that error reaches the
 * problem mappers.
 */
@ApplicationScoped
public class BodySizeLimit {
  /** Before Quarkus' own check, which is registered at order -2. */
  private static final int ORDER = -3;

  @Inject
  @ConfigProperty(name = "quarkus.http.limits.max-body-size")
  MemorySize maxBodySize;

  @Inject ObjectMapper json;

  void install(@Observes Router router) {
    long limit = maxBodySize.asLongValue();
    router
        .route()
        .order(ORDER)
        .handler(
            context -> {
              String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (declared != null && exceeds(declared, limit)) {
                Response.Status status = Response.Status.REQUEST_ENTITY_TOO_LARGE;
                Problems.end(
                    context,
                    json,
                    status,
                    ProblemTypes.ABOUT_BLANK,
                    status.getReasonPhrase(),
                    "The request body is larger than the "
                        + limit
                        + " bytes this platform accepts.",
                    List.of());
              } else {
                context.next();
              }
            });
  }

  private static boolean exceeds(String declared, long limit) {
    try {
      return Long.parseLong(declared.trim()) > limit;
    } catch (NumberFormatException e) {
      // a malformed length is left to the HTTP codec, which refuses it
      return false;
    }
  }
}
