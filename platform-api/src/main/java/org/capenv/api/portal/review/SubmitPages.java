package org.capenv.api.portal.review;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.portal.MultipartForm;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.api.tool.service.ToolVersionView;
import org.capenv.catalog.lifecycle.LifecycleAction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * A steward submits a tool version: the manifest (uploaded as a file or pasted) is stored as a
 * draft and submitted for review at once, through {@link ToolCatalogueService} as with the REST
 * API. Validation failures name the field (a JSON pointer) and the rule broken.
 */
@Path("/portal/review/submit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.TOOL_STEWARD)
public class SubmitPages {
  /** Manifests are small; a larger upload is refused before it is read. */
  static final int MAX_MANIFEST_BYTES = 256 * 1024;

  @Inject ToolCatalogueService catalogue;
  @Inject CallerIdentity caller;

  /**
   * One validation message.
   *
   * @param field the JSON pointer of the offending field, empty for the whole manifest
   */
  public record Violation(String field, String message) {}

  @CheckedTemplate(basePath = "portal/review")
  static class Templates {
    static native TemplateInstance submit(
        String manifest, String error, List<Violation> violations);
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance form() {
    return Templates.submit("", null, List.of());
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(hidden = true)
  public Response submit(MultipartFormDataInput input) throws IOException {
    MultipartForm form = new MultipartForm(input);
    String manifest = form.text("manifest");
    var file = form.file("manifestFile");
    if (file.isPresent()) {
      try (InputStream in = MultipartForm.item(file.get()).getInputStream()) {
        byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        if (bytes.length > MAX_MANIFEST_BYTES) {
          return refused("", "The manifest file is larger than 256 KiB.", List.of());
        }
        manifest = new String(bytes, StandardCharsets.UTF_8);
      }
    }
    if (manifest == null || manifest.isBlank()) {
      return refused("", "Choose a manifest file or paste the manifest.", List.of());
    }
    try {
      ToolVersionView draft = catalogue.createDraft(caller, manifest);
      catalogue.act(caller, draft.name(), draft.version(), LifecycleAction.SUBMIT, null);
      return Response.seeOther(URI.create("/portal/tools/" + draft.name() + "/" + draft.version()))
          .build();
    } catch (ProblemException e) {
      if (e.status().getStatusCode() >= 500) {
        throw e;
      }
      List<Violation> violations = e.errors().stream().map(SubmitPages::violation).toList();
      return refused(manifest, e.getMessage(), violations);
    }
  }

  private static Violation violation(Problem.FieldError error) {
    return new Violation(error.field().isEmpty() ? "(manifest)" : error.field(), error.message());
  }

  private static Response refused(String manifest, String error, List<Violation> violations) {
    return Response.status(422)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.submit(manifest, error, violations))
        .build();
  }
}
