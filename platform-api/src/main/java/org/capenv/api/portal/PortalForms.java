package org.capenv.api.portal;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemTypes;
import org.capenv.api.common.Problems;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses a portal form that gives a field more than once ({@code purpose=a&purpose=b}, or two
 * multipart parts of one name), before its endpoint runs: the framework would hand the endpoint the
 * first value and drop the others without a word, and what the audit log records must be exactly
 * what was asked. The answer is a 400 (the error page, or problem+json for the scripts' endpoints,
 * as for the CSRF refusal) naming the repeated fields; nothing is written.
 *
 * <p>This is the one place every portal form passes, multipart or URL-encoded, after it is parsed
 * and after the CSRF check ({@link PortalCsrf}). No portal form has a field that may be given more
 * than once: every file input takes one file, and choices are radios or single selects. A form that
 * gains one (a multiple file input, a group of checkboxes) must be let through here.
 */
public class PortalForms {
  private static final Logger LOG = Logger.getLogger(PortalForms.class);

  /** Names longer than this are cut in the answer: they are the sender's text. */
  private static final int NAME_SHOWN = 64;

  /** At most this many repeated fields are named. */
  private static final int NAMED = 10;

  /** After the CSRF check, which has the default priority. */
  @ServerRequestFilter(readBody = true, priority = Priorities.USER + 10)
  public Response refuseRepeatedFields(ResteasyReactiveContainerRequestContext context) {
    String path = context.getUriInfo().getPath();
    if (!PortalPaths.contains(path)) {
      return null;
    }
    FormData form =
        ((ResteasyReactiveRequestContext) context.getServerRequestContext()).getFormData();
    if (form == null) {
      return null;
    }
    List<String> repeated = new ArrayList<>();
    for (String name : form) {
      if (form.get(name).size() > 1) {
        repeated.add(shown(name));
      }
    }
    if (repeated.isEmpty()) {
      return null;
    }
    LOG.debugf("portal form with %d repeated field(s) at %s", repeated.size(), path);
    List<String> named = repeated.subList(0, Math.min(NAMED, repeated.size()));
    String detail =
        (named.size() == 1
                ? "The form gives the field \"" + named.get(0) + "\" more than once"
                : "The form gives the fields "
                    + named.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "))
                    + " more than once")
            + ". Each field may be given only once: nothing was done. Go back, reload the page"
            + " and try again.";
    List<Problem.FieldError> errors =
        named.stream()
            .map(
                n ->
                    new Problem.FieldError(
                        n, named.size() == 1 ? detail : "\"" + n + "\" is given more than once"))
            .toList();
    // a problem, so that the page's scripts get problem+json and people the error page
    return Problems.response(
            Response.Status.BAD_REQUEST,
            ProblemTypes.MALFORMED_BODY,
            "Malformed request body",
            detail,
            context.getUriInfo().getRequestUri().getRawPath(),
            errors)
        .build();
  }

  private static String shown(String name) {
    return name.length() <= NAME_SHOWN ? name : name.substring(0, NAME_SHOWN) + "…";
  }
}
