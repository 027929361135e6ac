package org.capenv.api.portal;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** People who open the platform's address land on the portal. */
@Path("/")
public class RootResource {
  @GET
  @PermitAll
  @Operation(hidden = true)
  public Response root() {
    return Response.seeOther(URI.create("/portal")).build();
  }
}
