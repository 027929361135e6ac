package org.capenv.api.blob;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.capenv.api.common.Problem;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Uploads of input files for runs. */
@Path("/api/blobs")
@Tag(name = "runs")
public class BlobResource {
  static final String CSV =
      "call_id,caller,callee,start_time,duration_s,cell_id\n"
          + "1,07700900001,07700900002,2026-03-01T10:00:00Z,60,C1\n";
  static final String UPLOADED =
      "{\"sha256\": \"3f0a6a5c2e0bb2b1a4f6c5d8e9f00112233445566778899aabbccddeeff0011\","
          + " \"size\": 52311, \"mediaType\": \"text/csv\"}";
  static final String TOO_LARGE =
      "{\"type\": \"https://capenv.org/problems/upload-too-large\","
          + " \"title\": \"Upload too large\", \"status\": 413,"
          + " \"detail\": \"The upload is larger than the 10485760 bytes accepted.\","
          + " \"instance\": \"/api/blobs\", \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";
  static final String AUDIT_UNAVAILABLE =
      "{\"type\": \"https://capenv.org/problems/audit-unavailable\","
          + " \"title\": \"Audit log unavailable\", \"status\": 503,"
          + " \"detail\": \"The action could not be recorded in the audit log, so it was not"
          + " carried out. Try again later.\", \"instance\": \"/api/blobs\","
          + " \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  @Inject BlobService blobs;
  @Inject CallerIdentity caller;

  @POST
  @RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION})
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Upload an input file (the raw bytes as the body)",
      description =
          "Stored by SHA-256 and recorded as a collection for the caller's force; the returned"
              + " sha256 names the file in a run's inputs. Refused above capenv.blobs.max-size.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "*/*",
              schema = @Schema(type = SchemaType.STRING, format = "binary"),
              examples = @ExampleObject(name = "call-records", value = CSV)))
  @APIResponse(
      responseCode = "201",
      description = "Stored and recorded; the sha256 names the file in a run's inputs",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BlobView.class),
              examples = @ExampleObject(name = "uploaded", value = UPLOADED)))
  @APIResponse(
      responseCode = "413",
      description = "Larger than capenv.blobs.max-size; nothing was kept",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "too-large", value = TOO_LARGE)))
  @APIResponse(
      responseCode = "503",
      description = "The audit log could not record the collection; nothing was kept on record",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class),
              examples = @ExampleObject(name = "audit-unavailable", value = AUDIT_UNAVAILABLE)))
  public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type)
      throws IOException {
    return Response.status(Response.Status.CREATED)
        .entity(blobs.upload(caller, body, type))
        .build();
  }
}
