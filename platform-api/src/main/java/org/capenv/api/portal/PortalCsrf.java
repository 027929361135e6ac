package org.capenv.api.portal;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.capenv.api.common.Problems;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * CSRF protection of the portal's forms by double submit: a random token in an HttpOnly,
 * SameSite=Strict cookie scoped to {@code /portal}, and the same token in a hidden field of every
 * form (templates read it as {@code inject:csrf}). A post under {@code /portal} without a form body
 * carrying the cookie's token is refused with 400 before any endpoint runs.
 *
 * <p>Only {@code /portal} is checked: the REST API authenticates with bearer tokens, which a
 * browser never sends by itself, so it has no cookie to protect.
 */
@RequestScoped
@Named("csrf")
public class PortalCsrf {
  static final String NAME = "csrf-token";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject HttpServerRequest request;

  private String token;
  private boolean fresh;

  /** The form field's name. */
  public String parameterName() {
    return NAME;
  }

  /** The token of this browser, created on first use. */
  public String token() {
    if (token == null) {
      Cookie cookie = request.getCookie(NAME);
      if (cookie != null && cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
        token = cookie.getValue();
      } else {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        fresh = true;
      }
    }
    return token;
  }

  /**
   * Refuses a state-changing portal request whose form does not carry the cookie's token; the form
   * is read first ({@code readBody}), after the endpoint was matched, so a body of another media
   * type has already been refused (415) by the endpoints' {@code @Consumes}.
   */
  @ServerRequestFilter(readBody = true)
  public Response verify(ResteasyReactiveContainerRequestContext context) {
    String path = context.getUriInfo().getPath();
    if (!PortalPaths.contains(path)
        || context.getMethod().equals("GET")
        || context.getMethod().equals("HEAD")
        || context.getMethod().equals("OPTIONS")) {
      return null;
    }
    Cookie cookie = request.getCookie(NAME);
    Object field =
        ((ResteasyReactiveRequestContext) context.getServerRequestContext())
            .getFormParameter(NAME, true, false);
    if (cookie == null
        || !(field instanceof String submitted)
        || !MessageDigest.isEqual(
            cookie.getValue().getBytes(StandardCharsets.UTF_8),
            submitted.getBytes(StandardCharsets.UTF_8))) {
      // a problem, so that the page's scripts get problem+json and people the error page
      return Problems.response(
              Response.Status.BAD_REQUEST,
              PortalErrorPages.CSRF_REFUSED,
              context.getUriInfo().getRequestUri().getRawPath())
          .build();
    }
    return null;
  }

  /** Sets the cookie when a page handed out a new token. */
  @ServerResponseFilter
  public void issue(ContainerRequestContext request, ContainerResponseContext response) {
    if (fresh) {
      response
          .getHeaders()
          .add(
              HttpHeaders.SET_COOKIE,
              Cookie.cookie(NAME, token)
                  .setPath("/portal")
                  .setHttpOnly(true)
                  .setSameSite(CookieSameSite.STRICT)
                  .encode());
    }
  }
}
