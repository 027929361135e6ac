package org.capenv.api.auditor.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.capenv.api.auditor.service.ActivityService;
import org.capenv.api.auditor.service.AuditPageView;
import org.capenv.api.security.CallerIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The "my activity" page: everyone sees the audit entries of their own actions, and only those. */
@Path("/portal/activity")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ActivityPortalResource {
  @Inject ActivityService activity;
  @Inject CallerIdentity caller;

  @CheckedTemplate(basePath = "auditor")
  static class Templates {
    static native TemplateInstance activity(String username, AuditPageView page, String next);
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance page(
      @QueryParam("after") String after, @QueryParam("limit") String limit) {
    AuditParams params = AuditParams.paging(after, limit);
    params.check();
    int size = params.pageSize();
    AuditPageView page =
        activity.activity(
            caller,
            params.afterSeq(),
            size,
            next -> Links.page("/portal/activity", null, next, size));
    return Templates.activity(caller.username(), page, page.next());
  }
}
