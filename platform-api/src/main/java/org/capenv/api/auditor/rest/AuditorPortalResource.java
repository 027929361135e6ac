package org.capenv.api.auditor.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.capenv.api.auditor.service.AuditEntryDetail;
import org.capenv.api.auditor.service.AuditExporter;
import org.capenv.api.auditor.service.AuditFilter;
import org.capenv.api.auditor.service.AuditPageView;
import org.capenv.api.auditor.service.AuditorService;
import org.capenv.api.auditor.service.InclusionProofs;
import org.capenv.api.auditor.service.ProofView;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Outcome;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The auditor pages of the portal: search with every filter, an entry in full with its inclusion
 * proof checked in the browser, exports and the files to keep outside the platform. Only auditors;
 * anyone else gets a 403 page. Each search and entry read is recorded, as through the API.
 */
@Path("/portal/audit")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AuditorPortalResource {
  @Inject AuditorService auditor;
  @Inject InclusionProofs proofs;
  @Inject AuditExporter exporter;
  @Inject CallerIdentity caller;
  @Inject ObjectMapper json;

  @CheckedTemplate(basePath = "auditor")
  static class Templates {
    static native TemplateInstance search(
        AuditParams form,
        List<String> actions,
        List<String> outcomes,
        List<FieldMessage> errors,
        AuditPageView page,
        String query,
        String next);

    static native TemplateInstance entry(
        AuditEntryDetail detail, String entryJson, ProofView proof, String noteBase64);

    static native TemplateInstance forbidden();
  }

  @GET
  @Operation(hidden = true)
  public Response search(@BeanParam AuditParams params) {
    if (!caller.hasRole(Roles.AUDITOR)) {
      return forbidden();
    }
    List<String> actions = Arrays.stream(Action.values()).map(Action::code).toList();
    List<String> outcomes = Arrays.stream(Outcome.values()).map(Outcome::code).toList();
    try {
      params.check();
      AuditFilter filter = params.filter();
      int limit = params.pageSize();
      AuditPageView page =
          auditor.search(
              caller,
              filter,
              params.afterSeq(),
              limit,
              after -> Links.page("/portal/audit", filter, after, limit));
      String next = page.next();
      return Response.ok(
              Templates.search(
                  params, actions, outcomes, List.of(), page, filter.toQueryString(), next))
          .build();
    } catch (ProblemException e) {
      if (e.status().getStatusCode() != 400) {
        throw e;
      }
      return Response.status(400)
          .entity(
              Templates.search(
                  params,
                  actions,
                  outcomes,
                  e.errors().stream().map(FieldMessage::of).toList(),
                  null,
                  "",
                  null))
          .build();
    }
  }

  @GET
  @Path("entries/{seq}")
  @Operation(hidden = true)
  public Response entry(@PathParam("seq") String seq) throws JsonProcessingException {
    if (!caller.hasRole(Roles.AUDITOR)) {
      return forbidden();
    }
    long n = Links.seq(seq);
    AuditEntryDetail detail = auditor.entry(caller, n);
    ProofView proof = proofs.proof(n);
    String pretty =
        json.writerWithDefaultPrettyPrinter().writeValueAsString(detail.entry().entry());
    String note =
        Base64.getEncoder().encodeToString(proof.checkpoint().getBytes(StandardCharsets.UTF_8));
    return Response.ok(Templates.entry(detail, pretty, proof, note)).build();
  }

  @GET
  @Path("export")
  @Produces({"application/jsonl", "text/csv", MediaType.TEXT_HTML})
  @Operation(hidden = true)
  public Response export(
      @BeanParam AuditParams params,
      @QueryParam("format") String format,
      @QueryParam("recipient") String recipient) {
    if (!caller.hasRole(Roles.AUDITOR)) {
      return forbidden();
    }
    return Downloads.export(exporter, caller, params, format, recipient);
  }

  @GET
  @Path("checkpoint.txt")
  @Produces({MediaType.TEXT_PLAIN, MediaType.TEXT_HTML})
  @Operation(hidden = true)
  public Response checkpoint() {
    if (!caller.hasRole(Roles.AUDITOR)) {
      return forbidden();
    }
    return Downloads.text(proofs.latest().note(), "capenv-audit-checkpoint.txt");
  }

  @GET
  @Path("verifier-key.txt")
  @Produces({MediaType.TEXT_PLAIN, MediaType.TEXT_HTML})
  @Operation(hidden = true)
  public Response verifierKey() {
    if (!caller.hasRole(Roles.AUDITOR)) {
      return forbidden();
    }
    return Downloads.text(proofs.verifierKey() + "\n", "capenv-audit-verifier-key.txt");
  }

  /**
   * A form field's error, named as the form names it.
   *
   * @param name the query parameter, which is also the input's id
   * @param message what is wrong with it
   */
  public record FieldMessage(String name, String message) {
    static FieldMessage of(Problem.FieldError e) {
      return new FieldMessage(e.field().replaceFirst("^query\\.", ""), e.message());
    }
  }

  static Response forbidden() {
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Templates.forbidden())
        .build();
  }
}
