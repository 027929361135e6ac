package org.capenv.api.staging.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import org.capenv.api.common.Problems;
import org.capenv.api.staging.service.StagingRefusedException;
import org.capenv.api.staging.service.StagingService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The staging API of Kubernetes runs, for the {@code stage-in} and {@code stage-out} containers
 * only. Outside {@code /api}: no user token is accepted here and none is needed; the run's
 * single-use staging token is the credential, checked by {@link StagingService}. {@code @PermitAll}
 * only lets the request past the framework's deny-by-default so that the service can check it.
 */
@Path("/staging/runs/{runId}")
@Tag(name = "staging")
@PermitAll
public class StagingResource {
  private static final String CHALLENGE = "Bearer realm=\"capenv-staging\"";

  @Inject StagingService staging;

  @GET
  @Path("inputs/{name}")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, "application/problem+json"})
  @Operation(
      summary = "Fetch one input of a run (stage-in container, fetch token)",
      description = "Each input is served once per fetch token; X-Content-SHA256 carries its hash.")
  public Response fetch(
      @PathParam("runId") String runId,
      @PathParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    StagingService.Served served = staging.fetch(authorization, runId, name);
    return Response.ok(served.content(), MediaType.APPLICATION_OCTET_STREAM)
        .header("X-Content-SHA256", served.sha256())
        .header(HttpHeaders.CONTENT_LENGTH, served.size())
        .header("Cache-Control", "no-store")
        .build();
  }

  @PUT
  @Path("outputs/{name}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Upload one declared output of a run (stage-out container, upload token)",
      description =
          "Stored by SHA-256 within the manifest's size limit; the hash must later equal the one in"
              + " the stage-out manifest, or the run fails.")
  public Response upload(
      @PathParam("runId") String runId,
      @PathParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      InputStream body)
      throws IOException {
    return Response.status(Response.Status.CREATED)
        .entity(staging.upload(authorization, runId, name, body))
        .build();
  }

  /** Like every problem, plus the Bearer challenge RFC 6750 asks of a 401. */
  @ServerExceptionMapper
  public Response refused(StagingRefusedException e, UriInfo uri) {
    Response.ResponseBuilder response =
        Problems.response(
            e.status(),
            e.type(),
            e.title(),
            e.getMessage(),
            uri.getRequestUri().getRawPath(),
            e.errors());
    if (e.challenge()) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    }
    return response.build();
  }
}
