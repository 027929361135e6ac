package org.capenv.api.run.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import org.capenv.api.run.persistence.RunStateValue;
import org.capenv.api.run.service.RunQueries;
import org.capenv.api.run.service.RunRequest;
import org.capenv.api.run.service.RunService;
import org.capenv.api.run.service.RunView;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tool runs: submit, list, read, cancel, logs and output downloads. */
@Path("/api/runs")
@Tag(name = "runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
  static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String OUTPUT = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
  static final String KEY = "[A-Za-z0-9._:-]{1,128}";

  @Inject RunService service;
  @Inject RunQueries queries;
  @Inject CallerIdentity caller;
  @Inject ObjectMapper json;

  @POST
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Request a run of an approved tool version",
      description =
          "Body: tool, version, parameters (object), inputs (name to sha256 of an upload),"
              + " purpose, caseReference, classification. The access policy decides; a denial is"
              + " a 403 carrying its messages. An Idempotency-Key makes retries safe.")
  public Response submit(
      @NotNull JsonNode body,
      @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY) String key,
      UriInfo uri)
      throws IOException {
    RunRequest request =
        json.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .treeToValue(body, RunRequest.class);
    RunService.Submitted submitted = service.submit(caller, body, request, key);
    return Response.status(submitted.created() ? Response.Status.ACCEPTED : Response.Status.OK)
        .location(uri.getBaseUriBuilder().path("api/runs/{id}").build(submitted.run().id()))
        .entity(submitted.run())
        .build();
  }

  @GET
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION, Roles.AUDITOR})
  @Operation(summary = "Runs the caller may see, newest first (cursor pagination)")
  public RunView.Page list(
      @QueryParam("state") RunStateValue state,
      @QueryParam("tool") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String tool,
      @QueryParam("caseReference") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9/._:-]{0,127}")
          String caseReference,
      @QueryParam("cursor") @Pattern(regexp = "[A-Za-z0-9_-]{1,200}") String cursor,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    return queries.list(caller, state, tool, caseReference, cursor, limit);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION, Roles.AUDITOR})
  @Operation(summary = "One run: state, tool version and image, parameters, hashes, decision")
  public RunView get(@PathParam("id") @Pattern(regexp = ID) String id) {
    return queries.get(caller, id);
  }

  @POST
  @Path("{id}/cancel")
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION})
  @Operation(summary = "Cancel a run that has not ended")
  public RunView cancel(@PathParam("id") @Pattern(regexp = ID) String id) {
    return queries.cancel(caller, id);
  }

  @GET
  @Path("{id}/logs")
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION})
  @Operation(summary = "The run's logs, bounded")
  public RunQueries.LogsView logs(@PathParam("id") @Pattern(regexp = ID) String id) {
    return queries.logs(caller, id);
  }

  @GET
  @Path("{id}/outputs/{name}")
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION})
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  @Operation(
      summary = "Download an output: a disclosure, recorded before any byte is sent",
      description = "The X-Content-SHA256 header carries the recorded hash.")
  public Response output(
      @PathParam("id") @Pattern(regexp = ID) String id,
      @PathParam("name") @Pattern(regexp = OUTPUT) String name)
      throws IOException {
    RunQueries.Download download = queries.output(caller, id, name);
    return Response.ok(download.content(), MediaType.APPLICATION_OCTET_STREAM)
        .header("X-Content-SHA256", download.sha256())
        .header("Content-Disposition", "attachment; filename=\"" + download.name() + "\"")
        .build();
  }
}
