package org.capenv.api.tool.rest;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.api.tool.service.ToolSummaryView;
import org.capenv.catalog.manifest.ManifestParser;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalogue as a user sees it: the approved tools they may run. */
@Path("/api/tools")
@Tag(name = "catalogue")
@Authenticated
public class ToolResource {
  @Inject ToolCatalogueService catalogue;
  @Inject CallerIdentity caller;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Approved tool versions the caller may run",
      description = "Filtered by the manifests' roles and forces; q searches name and summary.")
  public List<ToolSummaryView> runnable(@QueryParam("q") @Size(max = 100) String query) {
    return catalogue.runnable(caller, query);
  }

  @GET
  @Path("manifest-schema")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The JSON Schema that every tool manifest must satisfy")
  public String manifestSchema() {
    return ManifestParser.schemaJson();
  }
}
