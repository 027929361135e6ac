package org.capenv.api.common;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Endpoints that exist only in tests, to make each kind of error happen for real. */
@Path("/api/test/problems")
@Authenticated
public class ProblemProbeResource {

  /** A request body with validation rules. */
  public record Order(@NotBlank String purpose, @NotNull @Min(1) @Max(10) Integer count) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Order echo(@Valid @NotNull Order order) {
    return order;
  }

  @GET
  @Path("/limited")
  @Produces(MediaType.APPLICATION_JSON)
  public int limited(@QueryParam("limit") @Max(100) int limit) {
    return limit;
  }

  @GET
  @Path("/domain")
  public String domain() {
    throw new ProblemException(
        Response.Status.CONFLICT,
        URI.create("https://capenv.org/problems/tool-suspended"),
        "Tool version suspended",
        "Version 1.2.0 of this tool is suspended.");
  }

  @GET
  @Path("/boom")
  public String boom() {
    throw new IllegalStateException("select secret from credentials where token = 'eyJ...'");
  }
}
