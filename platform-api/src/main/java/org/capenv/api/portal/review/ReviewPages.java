package org.capenv.api.portal.review;

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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.capenv.api.common.ProblemException;
import org.capenv.api.portal.FormErrors;
import org.capenv.api.portal.MultipartForm;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Roles;
import org.capenv.api.tool.service.ReasonRequest;
import org.capenv.api.tool.service.SignOffRequest;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.api.tool.service.ToolVersionView;
import org.capenv.catalog.lifecycle.AlgoCareItem;
import org.capenv.catalog.lifecycle.ChecklistAnswer;
import org.capenv.catalog.lifecycle.LifecycleAction;
import org.capenv.catalog.lifecycle.VersionState;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * Reviewers' pages: the inbox of versions in review, the sign-off form with the ALGO-CARE
 * checklist, and suspension. Every action is {@link ToolCatalogueService}'s, with the same role
 * checks and audit entries as the REST API; its refusals (for example a reviewer signing off a
 * version they submitted) are shown on the form.
 */
@Path("/portal/review")
@Produces(MediaType.TEXT_HTML)
public class ReviewPages {
  static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
  static final String VERSION = "[0-9A-Za-z.+-]{1,64}";
  static final List<String> REVIEW_ROLES =
      List.of(Roles.REVIEWER_ETHICS, Roles.REVIEWER_INFORMATION, Roles.REVIEWER_SECURITY);

  @Inject ToolCatalogueService catalogue;
  @Inject CallerIdentity caller;

  /** A version in the inbox, and whether this reviewer may sign it off. */
  public record InboxItem(ToolVersionView tool, boolean ownSubmission, boolean signedThisRound) {}

  @CheckedTemplate(basePath = "portal/review")
  static class Templates {
    static native TemplateInstance inbox(List<InboxItem> items);

    static native TemplateInstance signOff(SignOffForm form);
  }

  @GET
  @RolesAllowed({Roles.REVIEWER_ETHICS, Roles.REVIEWER_INFORMATION, Roles.REVIEWER_SECURITY})
  @Operation(hidden = true)
  public TemplateInstance inbox() {
    List<InboxItem> items =
        catalogue.list(caller, Optional.of(VersionState.IN_REVIEW)).stream()
            .map(
                v ->
                    new InboxItem(
                        v,
                        caller.username().equals(v.submittedBy()),
                        v.signOffs().stream()
                            .anyMatch(
                                s ->
                                    s.round() == v.reviewRound()
                                        && s.reviewer().equals(caller.username()))))
            .toList();
    return Templates.inbox(items);
  }

  @GET
  @Path("{name}/{version}")
  @RolesAllowed({Roles.REVIEWER_ETHICS, Roles.REVIEWER_INFORMATION, Roles.REVIEWER_SECURITY})
  @Operation(hidden = true)
  public TemplateInstance signOffForm(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version) {
    ToolVersionView tool = catalogue.get(caller, name, version);
    List<SignOffForm.Item> items = new ArrayList<>();
    for (AlgoCareItem item : AlgoCareItem.values()) {
      items.add(new SignOffForm.Item(item.name(), SignOffForm.question(item), "", "", null));
    }
    return Templates.signOff(form(tool, "", items, "", new FormErrors()));
  }

  @POST
  @Path("{name}/{version}")
  @RolesAllowed({Roles.REVIEWER_ETHICS, Roles.REVIEWER_INFORMATION, Roles.REVIEWER_SECURITY})
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(hidden = true)
  public Response signOff(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version,
      MultipartFormDataInput input) {
    MultipartForm submitted = new MultipartForm(input);
    ToolVersionView tool = catalogue.get(caller, name, version);
    FormErrors errors = new FormErrors();
    String role = value(submitted, "role");
    if (!REVIEW_ROLES.contains(role) || !caller.hasRole(role)) {
      errors.field("role", "Choose the review role you sign in");
    }
    List<SignOffForm.Item> items = new ArrayList<>();
    List<SignOffRequest.Answer> answers = new ArrayList<>();
    for (AlgoCareItem item : AlgoCareItem.values()) {
      String outcome = value(submitted, "outcome." + item.name());
      String comment = value(submitted, "comment." + item.name()).strip();
      String id = "item-" + item.name();
      String error = null;
      ChecklistAnswer.Outcome parsed = parse(outcome);
      if (parsed == null) {
        error = "Answer " + item.name() + ": met, not met or not applicable";
      } else if (parsed != ChecklistAnswer.Outcome.MET && comment.isBlank()) {
        error = "Explain why " + item.name() + " is " + label(parsed);
      } else if (comment.length() > 2000) {
        error = "The comment on " + item.name() + " must be 2000 characters or fewer";
      } else {
        answers.add(new SignOffRequest.Answer(item, parsed, comment.isBlank() ? null : comment));
      }
      if (error != null) {
        errors.field(id, error);
      }
      items.add(
          new SignOffForm.Item(item.name(), SignOffForm.question(item), outcome, comment, error));
    }
    String comments = value(submitted, "comments").strip();
    if (comments.length() > 4000) {
      errors.field("comments", "Comments must be 4000 characters or fewer");
    }
    if (errors.isEmpty()) {
      try {
        catalogue.signOff(
            caller,
            name,
            version,
            new SignOffRequest(role, answers, comments.isEmpty() ? null : comments));
        return Response.seeOther(URI.create("/portal/tools/" + name + "/" + version)).build();
      } catch (ProblemException e) {
        if (e.status().getStatusCode() >= 500 || e.status().getStatusCode() == 404) {
          throw e;
        }
        errors.general(e.getMessage());
      }
    }
    return Response.status(errors.summary().stream().anyMatch(i -> i.href().isEmpty()) ? 403 : 422)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(
            Templates.signOff(
                form(catalogue.get(caller, name, version), role, items, comments, errors)))
        .build();
  }

  @POST
  @Path("{name}/{version}/suspend")
  @RolesAllowed({
    Roles.TOOL_STEWARD,
    Roles.PLATFORM_ADMIN,
    Roles.REVIEWER_ETHICS,
    Roles.REVIEWER_INFORMATION,
    Roles.REVIEWER_SECURITY
  })
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response suspend(
      @PathParam("name") @Pattern(regexp = NAME) String name,
      @PathParam("version") @Pattern(regexp = VERSION) String version,
      @RestForm String reason) {
    String stated = new ReasonRequest(reason == null ? null : reason.strip()).reason();
    catalogue.act(caller, name, version, LifecycleAction.SUSPEND, stated);
    return Response.seeOther(URI.create("/portal/tools/" + name + "/" + version)).build();
  }

  private SignOffForm form(
      ToolVersionView tool,
      String role,
      List<SignOffForm.Item> items,
      String comments,
      FormErrors errors) {
    List<String> roles = REVIEW_ROLES.stream().filter(caller::hasRole).toList();
    String chosen = role.isEmpty() && roles.size() == 1 ? roles.get(0) : role;
    return new SignOffForm(
        tool,
        roles,
        chosen,
        items,
        comments,
        caller.username().equals(tool.submittedBy()),
        errors.summary().stream().anyMatch(i -> i.href().isEmpty())
            ? "The sign-off was refused"
            : "There is a problem",
        errors.summary());
  }

  private static String value(MultipartForm form, String name) {
    String value = form.text(name);
    return value == null ? "" : value;
  }

  private static ChecklistAnswer.Outcome parse(String outcome) {
    for (ChecklistAnswer.Outcome o : ChecklistAnswer.Outcome.values()) {
      if (o.name().equals(outcome)) {
        return o;
      }
    }
    return null;
  }

  private static String label(ChecklistAnswer.Outcome outcome) {
    return outcome == ChecklistAnswer.Outcome.NOT_MET ? "not met" : "not applicable";
  }
}
