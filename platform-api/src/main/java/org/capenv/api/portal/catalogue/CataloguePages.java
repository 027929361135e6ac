package org.capenv.api.portal.catalogue;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.capenv.api.portal.PortalNav;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.api.tool.service.ToolSummaryView;
import org.capenv.api.tool.service.ToolVersionView;
import org.capenv.catalog.lifecycle.VersionState;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The catalogue in the portal: the approved tools this person may run (as {@code GET /api/tools}
 * lists them), searchable, and each version's page with its full transparency record.
 */
@Path("/portal/tools")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class CataloguePages {
  static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
  static final String VERSION = "[0-9A-Za-z.+-]{1,64}";

  @Inject ToolCatalogueService catalogue;
  @Inject CallerIdentity caller;
  @Inject PortalNav nav;

  @CheckedTemplate(basePath = "portal/catalogue")
  static class Templates {
    static native TemplateInstance list(String query, List<ToolSummaryView> tools);

    static native TemplateInstance tool(ToolVersionView tool, boolean runnable, boolean canSuspend);
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance list(@QueryParam("q") @Size(max = 100) String query) {
    String q = query == null ? "" : query.strip();
    return Templates.list(q, catalogue.runnable(caller, q));
  }

  @GET
  @Path("{name}/{version}")
  @Operation(hidden = true)
  public TemplateInstance tool(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version) {
    ToolVersionView tool = catalogue.get(caller, name, version);
    boolean runnable =
        catalogue.runnable(caller, name).stream()
            .anyMatch(t -> t.name().equals(name) && t.version().equals(version));
    boolean canSuspend =
        tool.state() == VersionState.APPROVED
            && (nav.steward() || nav.reviewer() || caller.hasRole(Roles.PLATFORM_ADMIN));
    return Templates.tool(tool, runnable, canSuspend);
  }
}
