package org.capenv.api.auditor.rest;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.capenv.api.auditor.service.ActivityService;
import org.capenv.api.auditor.service.AuditPageView;
import org.capenv.api.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Anyone's own audit trail: the entries whose actor is the caller. */
@Path("/api/me/activity")
@Tag(name = "identity")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {
  @Inject ActivityService activity;
  @Inject CallerIdentity caller;

  @GET
  @Operation(summary = "The caller's own audit entries, oldest first (cursor pagination)")
  public AuditPageView activity(
      @QueryParam("after") String after, @QueryParam("limit") String limit, UriInfo uri) {
    AuditParams params = AuditParams.paging(after, limit);
    params.check();
    int size = params.pageSize();
    return activity.activity(
        caller,
        params.afterSeq(),
        size,
        next -> Links.page(uri, "api/me/activity", null, next, size));
  }
}
