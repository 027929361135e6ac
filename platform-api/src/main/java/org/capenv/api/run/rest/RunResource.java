package org.capenv.api.run.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.annotation.PostConstruct;
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
import java.util.List;
import java.util.Optional;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.common.ProblemTypes;
import org.capenv.api.run.persistence.RunStateValue;
import org.capenv.api.run.service.RunQueries;
import org.capenv.api.run.service.RunRequest;
import org.capenv.api.run.service.RunService;
import org.capenv.api.run.service.RunView;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.capenv.catalog.manifest.CanonicalJson;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

  /**
   * Reads a run request strictly (unknown fields and nulls for numbers are refused). Built once: a
   * reader shares the mapper's deserializers, while a copy of the mapper built them again per call.
   */
  private ObjectReader runRequests;

  @PostConstruct
  void createReader() {
    runRequests =
        json.readerFor(RunRequest.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  @POST
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Request a run of an approved tool version",
      description =
          "Body: tool, version, parameters (object), inputs (name to sha256 of an upload),"
              + " purpose, caseReference, classification. The access policy decides; a denial is"
              + " a 403 carrying its messages. An Idempotency-Key makes retries safe.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunRequest.class),
              examples = @ExampleObject(name = "miller", value = RunApiExamples.RUN_REQUEST)))
  @APIResponse(
      responseCode = "202",
      description =
          "Accepted: recorded and authorised (PENDING), launched shortly after by a launch"
              + " worker; Location names the run, poll it for RUNNING and the end",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunView.class),
              examples = @ExampleObject(name = "accepted", value = RunApiExamples.RUN_PENDING)))
  @APIResponse(
      responseCode = "200",
      description =
          "A retry with the same Idempotency-Key and body: the run created the first time",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunView.class),
              examples = @ExampleObject(name = "replayed", value = RunApiExamples.RUN_ACCEPTED)))
  @APIResponse(
      responseCode = "400",
      description =
          "Not JSON, an unknown field, a value of the wrong type, or a bad Idempotency-Key",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "malformed", value = RunApiExamples.MALFORMED)))
  @APIResponse(
      responseCode = "403",
      description = "Refused by the access policy (audited), with its messages",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "denied", value = RunApiExamples.DENIED)))
  @APIResponse(
      responseCode = "404",
      description = "No such tool version",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples =
                  @ExampleObject(name = "tool-not-found", value = RunApiExamples.TOOL_NOT_FOUND)))
  @APIResponse(
      responseCode = "409",
      description =
          "The version is not approved now (e.g. suspended), or the key was used for another body",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples =
                  @ExampleObject(name = "not-runnable", value = RunApiExamples.NOT_RUNNABLE)))
  @APIResponse(
      responseCode = "422",
      description =
          "A field breaks its rules, the parameters the manifest's schema, or an input is not the caller's force's upload",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "invalid", value = RunApiExamples.INVALID)))
  @APIResponse(
      responseCode = "503",
      description =
          "Nothing was recorded, retry after Retry-After seconds: the launch queue is full, the"
              + " platform has no free database connection, or the audit log is unavailable",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = {
                @ExampleObject(name = "launch-queue-full", value = RunApiExamples.QUEUE_FULL),
                @ExampleObject(name = "busy", value = RunApiExamples.BUSY),
                @ExampleObject(name = "audit-unavailable", value = RunApiExamples.AUDIT_UNAVAILABLE)
              }))
  public Response submit(
      @NotNull JsonNode body,
      @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY) String key,
      UriInfo uri)
      throws IOException {
    if (!body.isObject()) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST,
          ProblemTypes.MALFORMED_BODY,
          "Malformed request body",
          "The request body must be a JSON object.");
    }
    Optional<String> outOfRange = CanonicalJson.firstNonFinite(body);
    if (outOfRange.isPresent()) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST,
          ProblemTypes.MALFORMED_BODY,
          "Malformed request body",
          "A number in the request body is beyond the range of a double.",
          List.of(new Problem.FieldError(outOfRange.get(), CanonicalJson.NON_FINITE)));
    }
    RunRequest request = runRequests.readValue(body);
    RunService.Submitted submitted = service.submit(caller, body, request, key);
    return Response.status(submitted.created() ? Response.Status.ACCEPTED : Response.Status.OK)
        .location(uri.getBaseUriBuilder().path("api/runs/{id}").build(submitted.run().id()))
        .entity(submitted.run())
        .build();
  }

  @GET
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION, Roles.AUDITOR})
  @Operation(summary = "Runs the caller may see, newest first (cursor pagination)")
  @APIResponse(
      responseCode = "200",
      description = "A page of runs and the cursor of the next",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunView.Page.class),
              examples = @ExampleObject(name = "page", value = RunApiExamples.PAGE)))
  @APIResponse(
      responseCode = "400",
      description = "A filter or cursor is malformed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "invalid", value = RunApiExamples.INVALID)))
  public RunView.Page list(
      // read as text: a typed query parameter that fails to convert is a 404 (the JAX-RS rule),
      // which says the path does not exist; a bad value is a 400 naming the parameter
      @QueryParam("state")
          @Parameter(schema = @Schema(implementation = RunStateValue.class))
          @Pattern(
              regexp = "PENDING|RUNNING|COMPLETED|FAILED|CANCELLED",
              message = "must be one of PENDING, RUNNING, COMPLETED, FAILED, CANCELLED")
          String state,
      @QueryParam("tool") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String tool,
      @QueryParam("caseReference") @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9/._:-]{0,127}")
          String caseReference,
      @QueryParam("cursor") @Pattern(regexp = "[A-Za-z0-9_-]{1,200}") String cursor,
      @QueryParam("limit")
          @Parameter(
              schema =
                  @Schema(
                      type = SchemaType.INTEGER,
                      minimum = "1",
                      maximum = "100",
                      defaultValue = "20"))
          @DefaultValue("20")
          @Pattern(regexp = "[1-9][0-9]?|100", message = "must be a whole number from 1 to 100")
          String limit) {
    return queries.list(
        caller,
        state == null ? null : RunStateValue.valueOf(state),
        tool,
        caseReference,
        cursor,
        Integer.parseInt(limit));
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION, Roles.AUDITOR})
  @Operation(summary = "One run: state, tool version and image, parameters, hashes, decision")
  @APIResponse(
      responseCode = "200",
      description = "The run",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunView.class),
              examples = @ExampleObject(name = "run", value = RunApiExamples.RUN)))
  @APIResponse(responseCode = "404", ref = RunApiResponses.RUN_NOT_FOUND)
  public RunView get(@PathParam("id") @Pattern(regexp = ID) String id) {
    return queries.get(caller, id);
  }

  @POST
  @Path("{id}/cancel")
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION})
  @Operation(summary = "Cancel a run that has not ended")
  @APIResponse(
      responseCode = "200",
      description = "The run, cancelled (its sandbox stopped)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunView.class),
              examples = @ExampleObject(name = "cancelled", value = RunApiExamples.RUN_CANCELLED)))
  @APIResponse(responseCode = "403", ref = RunApiResponses.DATA_FORBIDDEN)
  @APIResponse(responseCode = "404", ref = RunApiResponses.RUN_NOT_FOUND)
  @APIResponse(
      responseCode = "409",
      description = "The run has already ended",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "ended", value = RunApiExamples.ENDED)))
  @APIResponse(responseCode = "503", ref = RunApiResponses.AUDIT_UNAVAILABLE)
  public RunView cancel(@PathParam("id") @Pattern(regexp = ID) String id) {
    return queries.cancel(caller, id);
  }

  @GET
  @Path("{id}/logs")
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION})
  @Operation(
      summary = "The run's logs, bounded",
      description =
          "An ended run's logs are those stored with its end; a run not yet ended answers what"
              + " the tool has written so far. Each reading is recorded as a consultation.")
  @APIResponse(
      responseCode = "200",
      description = "Standard output and error, each cut at capenv.runs.log-response-max-size",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunQueries.LogsView.class),
              examples = @ExampleObject(name = "logs", value = RunApiExamples.LOGS)))
  @APIResponse(responseCode = "403", ref = RunApiResponses.DATA_FORBIDDEN)
  @APIResponse(responseCode = "404", ref = RunApiResponses.RUN_NOT_FOUND)
  @APIResponse(responseCode = "503", ref = RunApiResponses.AUDIT_UNAVAILABLE)
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
  @APIResponse(
      responseCode = "200",
      description = "The output's bytes; X-Content-SHA256 carries the recorded hash",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_OCTET_STREAM,
              schema = @Schema(type = SchemaType.STRING, format = "binary"),
              examples =
                  @ExampleObject(
                      name = "summary",
                      value = "[{\"caller\": \"07700900001\", \"duration_s_count\": 3}]")))
  @APIResponse(responseCode = "403", ref = RunApiResponses.DATA_FORBIDDEN)
  @APIResponse(responseCode = "404", ref = RunApiResponses.RUN_NOT_FOUND)
  @APIResponse(responseCode = "503", ref = RunApiResponses.AUDIT_UNAVAILABLE)
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
