package org.capenv.api.security.rest;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.capenv.api.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tells any authenticated caller who the platform takes them to be. */
@Path("/api/me")
@Tag(name = "identity")
@Authenticated
public class MeResource {
  @Inject CallerIdentity caller;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The caller's identity as derived from their token")
  public CallerView me() {
    return CallerView.of(caller);
  }
}
