package org.capenv.api.portal.run;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.capenv.api.blob.BlobService;
import org.capenv.api.blob.BlobView;
import org.capenv.api.common.ProblemException;
import org.capenv.api.portal.MultipartForm;
import org.capenv.api.portal.PortalJson;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * Uploads one input file for the run form's script, which shows its progress. The form is multipart
 * with the CSRF token, so the CSRF filter checks it as any other portal form; the file is stored
 * and recorded as a collection by the blob service, exactly as through {@code POST /api/blobs}.
 */
@Path("/portal/uploads")
@RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR})
public class UploadPages {
  @Inject BlobService blobs;
  @Inject CallerIdentity caller;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @PortalJson
  @Operation(hidden = true)
  public Response upload(MultipartFormDataInput input) throws IOException {
    FormValue file =
        new MultipartForm(input)
            .file("file")
            .orElseThrow(
                () ->
                    new ProblemException(
                        Response.Status.BAD_REQUEST, "The form carries no file named file."));
    return Response.status(Response.Status.CREATED).entity(store(blobs, caller, file)).build();
  }

  /** Stores an uploaded part through the blob service. */
  static BlobView store(BlobService blobs, CallerIdentity caller, FormValue file)
      throws IOException {
    try (InputStream content = MultipartForm.item(file).getInputStream()) {
      return blobs.upload(caller, content, MultipartForm.contentType(file));
    }
  }
}
