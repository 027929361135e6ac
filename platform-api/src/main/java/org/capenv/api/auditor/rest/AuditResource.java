package org.capenv.api.auditor.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.capenv.api.auditor.service.AuditEntryDetail;
import org.capenv.api.auditor.service.AuditExporter;
import org.capenv.api.auditor.service.AuditFilter;
import org.capenv.api.auditor.service.AuditPageView;
import org.capenv.api.auditor.service.AuditorService;
import org.capenv.api.auditor.service.CheckpointView;
import org.capenv.api.auditor.service.InclusionProofs;
import org.capenv.api.auditor.service.ProofView;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log for auditors: search, entry detail, inclusion proofs, the signed checkpoint and
 * verifier key, and streamed exports. Only the {@code auditor} role; docs/audit-api.md.
 */
@Path("/api/audit")
@Tag(name = "audit")
@RolesAllowed(Roles.AUDITOR)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @Inject AuditorService auditor;
  @Inject InclusionProofs proofs;
  @Inject AuditExporter exporter;
  @Inject CallerIdentity caller;

  @GET
  @Path("entries")
  @Operation(
      summary = "Search the log (cursor pagination), recorded as a consultation",
      description =
          "Filters: actor (token subject), force, client, tool, action, outcome, caseReference,"
              + " runId, from, to (ISO-8601; from inclusive, to exclusive). Paging: after (the"
              + " nextAfter of the previous page), limit 1 to 1000.")
  public AuditPageView search(@BeanParam AuditParams params, UriInfo uri) {
    params.check();
    AuditFilter filter = params.filter();
    int limit = params.pageSize();
    return auditor.search(
        caller,
        filter,
        params.afterSeq(),
        limit,
        after -> Links.page(uri, "api/audit/entries", filter, after, limit));
  }

  @GET
  @Path("entries/{seq}")
  @Operation(summary = "One entry in full, with its canonical bytes (base64) and leaf hash")
  public AuditEntryDetail entry(@PathParam("seq") String seq) {
    return auditor.entry(caller, Links.seq(seq));
  }

  @GET
  @Path("entries/{seq}/proof")
  @Operation(
      summary = "Inclusion proof of an entry against the latest signed checkpoint",
      description =
          "Signs a checkpoint on demand if none covers the entry yet; 409 if that is not possible.")
  public ProofView proof(@PathParam("seq") String seq) {
    return proofs.proof(Links.seq(seq));
  }

  @GET
  @Path("checkpoint")
  @Operation(summary = "The latest signed checkpoint and the log's verifier key")
  public CheckpointView checkpoint() {
    return proofs.latest();
  }

  @GET
  @Path("checkpoint.txt")
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(summary = "The latest signed checkpoint note, as a file to keep")
  public Response checkpointNote() {
    return Downloads.text(proofs.latest().note(), "capenv-audit-checkpoint.txt");
  }

  @GET
  @Path("verifier-key.txt")
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(summary = "The log's verifier key (name+keyid+base64key), as a file to keep")
  public Response verifierKey() {
    return Downloads.text(proofs.verifierKey() + "\n", "capenv-audit-verifier-key.txt");
  }

  @GET
  @Path("export")
  @Produces({"application/jsonl", "text/csv", MediaType.APPLICATION_JSON})
  @Operation(
      summary = "Stream the matching entries as JSON Lines or CSV, recorded as a disclosure",
      description =
          "Same filters as the search; format=jsonl (default) or csv; recipient names who the"
              + " export is for (default: the caller). Bounded by a checkpoint signed at the start,"
              + " sent base64-encoded in X-Audit-Checkpoint.")
  public Response export(
      @BeanParam AuditParams params,
      @QueryParam("format") String format,
      @QueryParam("recipient") String recipient) {
    return Downloads.export(exporter, caller, params, format, recipient);
  }
}
