package org.capenv.api.tool.rest;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.capenv.api.tool.service.ReasonRequest;
import org.capenv.api.tool.service.SignOffRequest;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.api.tool.service.ToolVersionView;
import org.capenv.catalog.lifecycle.LifecycleAction;
import org.capenv.catalog.lifecycle.VersionState;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tool versions and their review: stewards submit manifests, reviewers sign off, and every signed
 * in user reads the published versions with their transparency records.
 */
@Path("/api/tool-versions")
@Tag(name = "catalogue")
@Produces(MediaType.APPLICATION_JSON)
public class ToolVersionResource {
  static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
  static final String VERSION = "[0-9A-Za-z.+-]{1,64}";

  @Inject ToolCatalogueService catalogue;
  @Inject CallerIdentity caller;

  @GET
  @Authenticated
  @Operation(
      summary = "Tool versions the caller may see",
      description =
          "Published versions (approved, suspended, retired) for everyone; curators (stewards,"
              + " reviewers, admins, auditors) also see drafts, versions in review and rejected"
              + " ones. state=IN_REVIEW is the reviewers' inbox.")
  public List<ToolVersionView> list(
      // read as text: a typed query parameter that fails to convert is a 404 (the JAX-RS rule)
      @QueryParam("state")
          @Parameter(schema = @Schema(implementation = VersionState.class))
          @Pattern(
              regexp = "DRAFT|IN_REVIEW|APPROVED|SUSPENDED|RETIRED|REJECTED",
              message = "must be one of DRAFT, IN_REVIEW, APPROVED, SUSPENDED, RETIRED, REJECTED")
          String state) {
    return catalogue.list(caller, Optional.ofNullable(state).map(VersionState::valueOf));
  }

  @GET
  @Path("{name}/{version}")
  @Authenticated
  @Operation(summary = "One tool version, with its manifest, transparency record and sign-offs")
  public ToolVersionView get(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version) {
    return catalogue.get(caller, name, version);
  }

  @POST
  @RolesAllowed(Roles.TOOL_STEWARD)
  @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
  @Operation(summary = "Create a DRAFT version from a manifest (YAML; see the manifest schema)")
  public Response create(@NotNull String manifest, UriInfo uri) {
    ToolVersionView created = catalogue.createDraft(caller, manifest);
    return Response.created(
            uri.getBaseUriBuilder()
                .path("api/tool-versions/{name}/{version}")
                .build(created.name(), created.version()))
        .entity(created)
        .build();
  }

  @PUT
  @Path("{name}/{version}")
  @RolesAllowed(Roles.TOOL_STEWARD)
  @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
  @Operation(summary = "Replace the manifest of one's own DRAFT")
  public ToolVersionView replace(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version,
      @NotNull String manifest) {
    return catalogue.replaceDraft(caller, name, version, manifest);
  }

  @POST
  @Path("{name}/{version}/submit")
  @RolesAllowed(Roles.TOOL_STEWARD)
  @Operation(summary = "Submit one's own DRAFT for review: the manifest is frozen from now on")
  public ToolVersionView submit(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version) {
    return catalogue.act(caller, name, version, LifecycleAction.SUBMIT, null);
  }

  @POST
  @Path("{name}/{version}/sign-offs")
  @RolesAllowed({Roles.REVIEWER_ETHICS, Roles.REVIEWER_INFORMATION, Roles.REVIEWER_SECURITY})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Sign off a version in one review role, with the ALGO-CARE checklist",
      description =
          "The sign-off that completes the approval rule (one different person per review role,"
              + " none the submitter) approves the version, or reinstates a suspended one.")
  public ToolVersionView signOff(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version,
      @Valid @NotNull SignOffRequest request) {
    return catalogue.signOff(caller, name, version, request);
  }

  @POST
  @Path("{name}/{version}/reject")
  @RolesAllowed({Roles.REVIEWER_ETHICS, Roles.REVIEWER_INFORMATION, Roles.REVIEWER_SECURITY})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reject a version in review, with a reason")
  public ToolVersionView reject(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version,
      @Valid @NotNull ReasonRequest request) {
    return catalogue.act(caller, name, version, LifecycleAction.REJECT, request.reason());
  }

  @POST
  @Path("{name}/{version}/suspend")
  @RolesAllowed({
    Roles.TOOL_STEWARD,
    Roles.PLATFORM_ADMIN,
    Roles.REVIEWER_ETHICS,
    Roles.REVIEWER_INFORMATION,
    Roles.REVIEWER_SECURITY
  })
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Suspend an approved version at once for new runs, with a reason")
  public ToolVersionView suspend(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version,
      @Valid @NotNull ReasonRequest request) {
    return catalogue.act(caller, name, version, LifecycleAction.SUSPEND, request.reason());
  }

  @POST
  @Path("{name}/{version}/retire")
  @RolesAllowed({Roles.TOOL_STEWARD, Roles.PLATFORM_ADMIN})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Retire a version for good (it stays readable), with a reason")
  public ToolVersionView retire(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version,
      @Valid @NotNull ReasonRequest request) {
    return catalogue.act(caller, name, version, LifecycleAction.RETIRE, request.reason());
  }
}
