package org.capenv.api.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.util.List;
import org.capenv.api.common.Problem;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Turns every error answered under {@code /portal} into an HTML page for people: the problem's
 * title and detail (written for callers by the services, never a stack trace), with the same
 * status. "Not found" reads the same for what does not exist and for what the person may not see.
 * Endpoints marked {@link PortalJson} keep their problem+json for the page's scripts.
 */
public class PortalErrorPages {
  static final String CSRF_REFUSED =
      "This form could not be accepted because its security token is missing or has expired."
          + " Go back, reload the page and try again.";

  /** An error as the page shows it. */
  public record ErrorView(int status, String title, String detail, List<String> messages) {}

  @CheckedTemplate(basePath = "portal")
  static class Templates {
    static native TemplateInstance error(ErrorView error);
  }

  @ServerResponseFilter
  public void toHtml(
      ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo info) {
    String path = request.getUriInfo().getPath();
    if (response.getStatus() < 400 || !PortalPaths.contains(path)) {
      return;
    }
    if (info != null && info.getMethodName() != null && json(info)) {
      return;
    }
    Object entity = response.getEntity();
    ErrorView view;
    if (entity instanceof Problem problem) {
      view = view(problem);
    } else if (entity == null) {
      Response.StatusType status = response.getStatusInfo();
      view =
          new ErrorView(
              status.getStatusCode(),
              status.getReasonPhrase(),
              "The request could not be served.",
              List.of());
    } else {
      return;
    }
    if (view.status() == 404) {
      view =
          new ErrorView(
              404,
              "Page not found",
              "There is nothing at this address that you can see. If you typed the address,"
                  + " check it is correct.",
              List.of());
    }
    response.setEntity(
        Templates.error(view).render(),
        new Annotation[0],
        MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
  }

  /**
   * The error page of a problem answered before any endpoint (a malformed URL), rendered by the
   * caller with an active request context.
   */
  public static String page(Problem problem) {
    return Templates.error(view(problem)).render();
  }

  private static ErrorView view(Problem problem) {
    return new ErrorView(
        problem.status(),
        problem.title(),
        problem.detail(),
        problem.errors() == null
            ? List.of()
            : problem.errors().stream()
                .filter(e -> !e.message().equals(problem.detail()))
                .map(e -> e.message())
                .toList());
  }

  private static boolean json(SimpleResourceInfo info) {
    try {
      return info.getResourceClass()
          .getMethod(info.getMethodName(), info.parameterTypes())
          .isAnnotationPresent(PortalJson.class);
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
