package org.capenv.api.portal.run;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import org.capenv.api.portal.PortalJson;
import org.capenv.api.run.service.RunQueries;
import org.capenv.api.run.service.RunView;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A person's runs: the list, each run's page with its live state, logs, downloads and cancel.
 * Everything goes through {@link RunQueries}, so visibility follows {@code RunAccess} exactly: a
 * run the person may not see is "not found", and a download is the same recorded disclosure as
 * through the REST API.
 */
@Path("/portal/runs")
@RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR})
public class RunPages {
  static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String OUTPUT = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

  @Inject RunQueries queries;
  @Inject CallerIdentity caller;

  @CheckedTemplate(basePath = "portal/run")
  static class Templates {
    static native TemplateInstance list(RunView.Page page);

    static native TemplateInstance run(RunView run, RunStatus status);

    static native TemplateInstance logs(RunView run, RunStatus status, RunQueries.LogsView logs);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public TemplateInstance list(
      @QueryParam("cursor") @Pattern(regexp = "[A-Za-z0-9_-]{1,200}") String cursor) {
    return Templates.list(queries.list(caller, null, null, null, cursor, 20));
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public TemplateInstance run(@PathParam("id") @Pattern(regexp = ID) String id) {
    RunView run = queries.get(caller, id);
    return Templates.run(run, RunStatus.of(run));
  }

  @GET
  @Path("{id}/status")
  @Produces(MediaType.APPLICATION_JSON)
  @PortalJson
  @Operation(hidden = true)
  public RunStatus status(@PathParam("id") @Pattern(regexp = ID) String id) {
    return RunStatus.of(queries.get(caller, id));
  }

  @GET
  @Path("{id}/logs")
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public TemplateInstance logs(@PathParam("id") @Pattern(regexp = ID) String id) {
    RunView run = queries.get(caller, id);
    return Templates.logs(run, RunStatus.of(run), queries.logs(caller, id));
  }

  /**
   * The logs as JSON, for the logs page's script once a run it showed while running has ended. Like
   * the page, each read is a recorded consultation; the script polls {@link #status} (not recorded)
   * while the run goes on and reads the logs once at the end.
   */
  @GET
  @Path("{id}/logs/content")
  @Produces(MediaType.APPLICATION_JSON)
  @PortalJson
  @Operation(hidden = true)
  public RunQueries.LogsView logsContent(@PathParam("id") @Pattern(regexp = ID) String id) {
    return queries.logs(caller, id);
  }

  @POST
  @Path("{id}/cancel")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response cancel(
      @PathParam("id") @Pattern(regexp = ID) String id,
      // declared so that the form is parsed before the CSRF filter looks for its token there
      @RestForm("csrf-token") String csrfToken) {
    queries.cancel(caller, id);
    return Response.seeOther(URI.create("/portal/runs/" + id)).build();
  }

  @GET
  @Path("{id}/outputs/{name}")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_HTML})
  @Operation(hidden = true)
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
