package org.capenv.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.HeaderConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemTypes;
import org.capenv.api.common.Problems;
import org.capenv.api.portal.PortalErrorPages;
import org.capenv.api.portal.PortalPaths;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Refuses a request whose URL is malformed ({@link RequestUrl}: a bad percent escape, escapes that
 * are not UTF-8, a character a URL may not carry) with a 400 problem+json, or with the portal's
 * error page when a browser asks for a page under {@code /portal}. It happens before authentication
 * and before any endpoint: the request reaches none.
 *
 * <p>Quarkus makes a check of its own first, outside the router and so out of reach of any filter:
 * a URL that {@link java.net.URI} refuses gets a 400 with an empty body. The platform's main class
 * ({@link org.capenv.api.Main}) turns that check off with the system property {@value
 * #QUARKUS_CHECK} so that this one answers instead; a launch that bypasses the main class keeps
 * Quarkus' empty 400 (a warning at start says so), and nothing malformed reaches an endpoint either
 * way.
 *
 * <p>Two ways in, one answer: a filter ahead of every other filter (a fault in the query, escapes
 * that are not UTF-8, a character that is not allowed), and the router's handler of the 400 it
 * answers itself when it cannot match a path to its first routes (the response-header routes),
 * which is where a bad escape in the path fails, before any filter. The headers those routes would
 * have set are set here from the same configuration.
 */
@ApplicationScoped
public class MalformedUrls {
  /** The system property that turns Quarkus' own URL check off. */
  public static final String QUARKUS_CHECK = "vertx.disableURIValidation";

  private static final Logger LOG = Logger.getLogger(MalformedUrls.class);

  /** Ahead of every other filter: the body limits (1000), authentication (200). */
  private static final int PRIORITY = 100_000;

  private static final String TITLE = "Malformed request URL";

  private static final QuarkusSecurityIdentity NOBODY =
      QuarkusSecurityIdentity.builder().setAnonymous(true).build();

  @Inject ObjectMapper json;

  /** Turns Quarkus' own check off; to be called before Quarkus starts. */
  public static void takeOverQuarkusCheck() {
    System.setProperty(QUARKUS_CHECK, "true");
  }

  void warnIfQuarkusChecks(@Observes StartupEvent event) {
    if (!Boolean.getBoolean(QUARKUS_CHECK)) {
      LOG.warnf(
          "-D%s=true is not set (the platform's main class sets it): a malformed request URL"
              + " gets Quarkus' 400 with an empty body instead of a problem",
          QUARKUS_CHECK);
    }
  }

  void register(@Observes Filters filters) {
    filters.register(this::check, PRIORITY);
  }

  void install(@Observes Router router) {
    router.errorHandler(400, this::routingFailed);
  }

  void check(RoutingContext context) {
    Optional<RequestUrl.Fault> fault = RequestUrl.check(context.request().uri());
    if (fault.isPresent()) {
      refuse(context, fault.get());
    } else {
      context.next();
    }
  }

  /**
   * A 400 the router answers itself, having failed before any handler: with a bad escape in the
   * path, the router's path normalisation throws while it matches the first routes.
   */
  void routingFailed(RoutingContext context) {
    Optional<RequestUrl.Fault> fault = RequestUrl.check(context.request().uri());
    if (fault.isPresent()) {
      refuse(context, fault.get());
      return;
    }
    // another request the router could not route: still a problem, not a bare status
    LOG.debugf(context.failure(), "request refused by the router with 400");
    headers(context);
    Problems.end(
        context,
        json,
        Status.BAD_REQUEST,
        ProblemTypes.ABOUT_BLANK,
        Status.BAD_REQUEST.getReasonPhrase(),
        "The request could not be understood.",
        List.of());
  }

  private void refuse(RoutingContext context, RequestUrl.Fault fault) {
    HttpServerRequest request = context.request();
    LOG.debugf("malformed request URL (%s, %s)", fault.field(), fault.message());
    headers(context);
    List<Problem.FieldError> errors =
        List.of(new Problem.FieldError(fault.field(), fault.message()));
    String path = request.path();
    boolean portal = PortalPaths.contains(path);
    if (portal && !asksForJson(request)) {
      Optional<String> page =
          page(
              Problems.problem(
                  Status.BAD_REQUEST,
                  ProblemTypes.MALFORMED_URL,
                  TITLE,
                  fault.detail(),
                  path,
                  errors));
      if (page.isPresent()) {
        context
            .response()
            .setStatusCode(400)
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .putHeader(HttpHeaders.CONNECTION, "close")
            .end(page.get());
        return;
      }
    }
    Problems.end(
        context,
        json,
        Status.BAD_REQUEST,
        ProblemTypes.MALFORMED_URL,
        TITLE,
        fault.detail(),
        errors);
  }

  /**
   * The portal's error page, rendered for a visitor not yet authenticated (this runs before
   * authentication): the page shows no navigation. Empty if it cannot be rendered, and the caller
   * answers problem+json.
   */
  private static Optional<String> page(Problem problem) {
    ManagedContext requestContext = Arc.container().requestContext();
    boolean activated = !requestContext.isActive();
    if (activated) {
      requestContext.activate();
    }
    try {
      Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(NOBODY);
      return Optional.of(PortalErrorPages.page(problem));
    } catch (RuntimeException e) {
      LOG.warnf(e, "the error page of a malformed URL could not be rendered");
      return Optional.empty();
    } finally {
      if (activated) {
        requestContext.terminate();
      }
    }
  }

  /** A script (the portal's read JSON) says so; a browser asks for HTML or anything. */
  private static boolean asksForJson(HttpServerRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (accept == null) {
      return false;
    }
    String types = accept.toLowerCase(Locale.ROOT);
    return types.contains("json") && !types.contains("text/html");
  }

  /**
   * The response headers configured for this path ({@code quarkus.http.header.*} and {@code
   * quarkus.http.filter.*}, e.g. the portal's Content-Security-Policy): the routes that set them
   * may not have run.
   */
  private static void headers(RoutingContext context) {
    VertxHttpConfig http =
        ConfigProvider.getConfig()
            .unwrap(SmallRyeConfig.class)
            .getConfigMapping(VertxHttpConfig.class);
    String path = context.request().path() == null ? "/" : context.request().path();
    String method = context.request().method().name();
    for (Map.Entry<String, HeaderConfig> header : http.header().entrySet()) {
      HeaderConfig config = header.getValue();
      String pattern = config.path();
      boolean matches =
          pattern.endsWith("*")
              ? path.startsWith(pattern.substring(0, pattern.length() - 1))
              : path.equals(pattern);
      if (matches && config.methods().map(m -> m.contains(method)).orElse(true)) {
        context.response().putHeader(header.getKey(), config.value());
      }
    }
    http.filter()
        .values()
        .forEach(
            filter -> {
              if (path.matches(filter.matches())
                  && filter.methods().map(m -> m.contains(method)).orElse(true)) {
                filter.header().forEach((name, value) -> context.response().putHeader(name, value));
              }
            });
  }
}
