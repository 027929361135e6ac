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
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Uploads of input files for runs. */
@Path("/api/blobs")
@Tag(name = "runs")
public class BlobResource {
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
  public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type)
      throws IOException {
    return Response.status(Response.Status.CREATED)
        .entity(blobs.upload(caller, body, type))
        .build();
  }
}
