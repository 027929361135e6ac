package org.capenv.api.portal.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.capenv.api.blob.BlobService;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.portal.FormErrors;
import org.capenv.api.portal.MultipartForm;
import org.capenv.api.run.service.RunRequest;
import org.capenv.api.run.service.RunService;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.api.tool.service.ToolVersionView;
import org.capenv.catalog.manifest.ManifestValidationException;
import org.capenv.catalog.manifest.RunParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * The run form of a tool version and its submission. Uploads go through the blob service (each a
 * recorded collection) and the submission through {@link RunService}, the path of {@code POST
 * /api/runs}: the same validation, policy decision, audit entries and launch.
 */
@Path("/portal/tools/{name}/{version}/run")
@RolesAllowed({Roles.ANALYST, Roles.SUPERVISOR})
public class RunFormPages {
  static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
  static final String VERSION = "[0-9A-Za-z.+-]{1,64}";
  static final List<String> CLASSIFICATIONS = List.of("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET");
  static final String KEY = "portal:[0-9a-f-]{36}";
  static final String SHA256 = "[0-9a-f]{64}";

  @Inject ToolCatalogueService catalogue;
  @Inject RunService runs;
  @Inject BlobService blobs;
  @Inject CallerIdentity caller;

  @CheckedTemplate(basePath = "portal/run")
  static class Templates {
    static native TemplateInstance form(RunFormView form);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public TemplateInstance form(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version) {
    ToolVersionView tool = catalogue.get(caller, name, version);
    return Templates.form(
        view(
            tool,
            Map.of(),
            Map.of(),
            "",
            "",
            "",
            "portal:" + UUID.randomUUID(),
            new FormErrors(),
            ""));
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public Response submit(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version,
      MultipartFormDataInput input)
      throws IOException {
    ToolVersionView tool = catalogue.get(caller, name, version);
    MultipartForm form = new MultipartForm(input);
    Map<String, String> values = new HashMap<>();
    tool.parameters()
        .path("properties")
        .properties()
        .forEach(
            p -> {
              String v = form.text("param." + p.getKey());
              if (v != null) {
                values.put(p.getKey(), v);
              }
            });
    String purpose = orEmpty(form.text("purpose"));
    String caseReference = orEmpty(form.text("caseReference")).strip();
    String classification = orEmpty(form.text("classification"));
    String key = orEmpty(form.text("key"));
    if (!key.matches(KEY)) {
      key = "portal:" + UUID.randomUUID();
    }
    FormErrors errors = new FormErrors();
    Map<String, String> paramErrors = new HashMap<>();
    ObjectNode parameters = SchemaForm.parameters(tool.parameters(), values, paramErrors);
    paramErrors.forEach((p, m) -> errors.field("param-" + p, m));
    Map<String, String> hashes = new LinkedHashMap<>();
    for (var declared : tool.inputs()) {
      String hash = orEmpty(form.text("input." + declared.name()));
      var file = form.file("file." + declared.name());
      if (file.isPresent()) {
        try {
          hash = UploadPages.store(blobs, caller, file.get()).sha256();
        } catch (ProblemException e) {
          errors.field("input-" + declared.name(), e.getMessage());
          continue;
        }
      }
      if (hash.matches(SHA256)) {
        hashes.put(declared.name(), hash);
      } else {
        errors.field("input-" + declared.name(), "Choose the file for " + declared.name());
      }
    }
    if (errors.isEmpty()) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("tool", name);
      body.put("version", version);
      body.set("parameters", parameters);
      ObjectNode inputs = body.putObject("inputs");
      hashes.forEach(inputs::put);
      body.put("purpose", purpose);
      body.put("caseReference", caseReference);
      body.put("classification", classification);
      RunRequest request =
          new RunRequest(name, version, parameters, hashes, purpose, caseReference, classification);
      if (!request.violations().isEmpty()) {
        // the service stops at the first kind of error; a person should see all of them at once
        parameterErrors(name, version, parameters).forEach(errors::field);
      }
      try {
        RunService.Submitted submitted = runs.submit(caller, body, request, key);
        return Response.seeOther(URI.create("/portal/runs/" + submitted.run().id())).build();
      } catch (ProblemException e) {
        if (e.status().getStatusCode() >= 500) {
          throw e;
        }
        explain(e, errors);
      }
    }
    String title =
        errors.summary().stream().anyMatch(i -> i.href().isEmpty())
            ? "The run was refused"
            : "There is a problem";
    return Response.status(422)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(
            Templates.form(
                view(
                    tool,
                    values,
                    hashes,
                    purpose,
                    caseReference,
                    classification,
                    key,
                    errors,
                    title)))
        .build();
  }

  /** The parameters' schema violations, by control id, as the service would report them. */
  private Map<String, String> parameterErrors(String name, String version, ObjectNode parameters) {
    Map<String, String> found = new LinkedHashMap<>();
    catalogue
        .runnableManifest(name, version)
        .ifPresent(
            manifest -> {
              try {
                new RunParameters().resolve(manifest, parameters);
              } catch (ManifestValidationException e) {
                e.violations()
                    .forEach(
                        v ->
                            found.putIfAbsent(
                                "param-" + v.pointer().substring(1).split("/", 2)[0],
                                v.rule() + ": " + v.message()));
              }
            });
    return found;
  }

  /** Puts each problem the service found next to the field it names. */
  static void explain(ProblemException e, FormErrors errors) {
    if (e.errors().isEmpty()) {
      errors.general(e.getMessage());
      return;
    }
    for (Problem.FieldError error : e.errors()) {
      String field = error.field();
      String message = error.message();
      if (field.startsWith("/parameters/")) {
        errors.field("param-" + field.substring("/parameters/".length()).split("/", 2)[0], message);
      } else if (field.startsWith("/inputs/")) {
        errors.field("input-" + field.substring("/inputs/".length()), message);
      } else if (field.equals("/purpose")) {
        errors.field(
            "purpose",
            message.equals("is required") ? "Enter the purpose of this run" : "Purpose " + message);
      } else if (field.equals("/caseReference")) {
        errors.field("caseReference", "Enter a case or operation reference: " + message);
      } else if (field.equals("/classification")) {
        errors.field("classification", "Choose the classification of the input data");
      } else {
        errors.general(message);
      }
    }
  }

  private static RunFormView view(
      ToolVersionView tool,
      Map<String, String> values,
      Map<String, String> hashes,
      String purpose,
      String caseReference,
      String classification,
      String key,
      FormErrors errors,
      String errorTitle) {
    Map<String, String> paramErrors = new HashMap<>();
    errors
        .fields()
        .forEach(
            (id, m) -> {
              if (id.startsWith("param-")) {
                paramErrors.put(id.substring("param-".length()), m);
              }
            });
    List<RunFormView.InputField> inputs =
        tool.inputs().stream()
            .map(
                i ->
                    new RunFormView.InputField(
                        i.name(),
                        i.description(),
                        String.join(",", i.mediaTypes()),
                        i.maxBytes(),
                        hashes.getOrDefault(i.name(), ""),
                        errors.of("input-" + i.name())))
            .toList();
    int ceiling = CLASSIFICATIONS.indexOf(tool.maxClassification());
    List<SchemaForm.Option> classifications =
        CLASSIFICATIONS.subList(0, ceiling < 0 ? CLASSIFICATIONS.size() : ceiling + 1).stream()
            .map(c -> new SchemaForm.Option(c, c, c.equals(classification)))
            .toList();
    return new RunFormView(
        tool,
        SchemaForm.fields(tool.parameters(), values, paramErrors),
        inputs,
        purpose,
        errors.of("purpose"),
        caseReference,
        errors.of("caseReference"),
        classifications,
        errors.of("classification"),
        key,
        errorTitle,
        errors.summary());
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
