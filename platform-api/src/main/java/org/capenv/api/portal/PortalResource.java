package org.capenv.api.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.capenv.api.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The officer portal, rendered on the server. Signing in is the OIDC authorization-code flow with
 * PKCE of the {@code portal} tenant; {@code /portal/logout} ends the session at the identity
 * provider too.
 */
@Path("/portal")
@Produces(MediaType.TEXT_HTML)
public class PortalResource {
  @Inject CallerIdentity caller;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance index(
        String username, String force, String vetting, List<String> roles);

    static native TemplateInstance signedOut();
  }

  @GET
  @Authenticated
  @Operation(hidden = true)
  public TemplateInstance index() {
    return Templates.index(
        caller.username(),
        caller.force().orElse("none"),
        caller.vetting().name(),
        caller.roles().stream().sorted().toList());
  }

  @GET
  @Path("/signed-out")
  @PermitAll
  @Operation(hidden = true)
  public TemplateInstance signedOut() {
    return Templates.signedOut();
  }
}
