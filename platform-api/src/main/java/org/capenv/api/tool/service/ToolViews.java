package org.capenv.api.tool.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.tool.persistence.SignOffEntity;
import org.capenv.api.tool.persistence.ToolVersionEntity;
import org.capenv.catalog.lifecycle.ChecklistAnswer;
import org.capenv.catalog.lifecycle.SignOff;
import org.capenv.catalog.manifest.ToolManifest;

/** Converts between the catalogue's stored rows, the catalog module's values and the API views. */
@ApplicationScoped
public class ToolViews {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ChecklistAnswer>> CHECKLIST = new TypeReference<>() {};

  ToolVersionView of(
      ToolVersionEntity entity, ToolManifest manifest, List<SignOffEntity> signOffs) {
    ToolManifest.Access access = manifest.access();
    return new ToolVersionView(
        entity.name,
        entity.version,
        entity.state,
        entity.stateReason,
        entity.reviewRound,
        entity.manifestDigest,
        manifest.summary(),
        manifest.description(),
        manifest.licence(),
        manifest.source(),
        manifest.image(),
        access.maxClassification().label(),
        access.minVetting().name(),
        access.roles(),
        access.allForces() ? List.of("*") : access.forces(),
        manifest.parameters(),
        manifest.inputs(),
        manifest.outputs(),
        manifest.resources(),
        manifest.transparency(),
        entity.submitterUsername,
        entity.createdAt,
        entity.updatedAt,
        signOffs.stream().map(ToolViews::view).toList(),
        List.of());
  }

  static ToolSummaryView summary(ToolManifest manifest) {
    return new ToolSummaryView(
        manifest.name(),
        manifest.version(),
        manifest.summary(),
        manifest.licence(),
        manifest.source().repository(),
        manifest.access().maxClassification().label(),
        manifest.access().minVetting().name());
  }

  static SignOffEntity toEntity(ToolVersionEntity version, CallerIdentity caller, SignOff signOff) {
    SignOffEntity entity = new SignOffEntity();
    entity.toolVersion = version;
    entity.reviewRound = signOff.round();
    entity.reviewerSubject = signOff.reviewer();
    entity.reviewerUsername = caller.username();
    entity.role = signOff.role();
    entity.comments = signOff.comments();
    entity.signedAt = signOff.at();
    try {
      entity.checklist = JSON.writeValueAsString(signOff.checklist());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a checklist", e);
    }
    return entity;
  }

  static SignOff signOff(String reviewer, int round, SignOffRequest request, Instant at) {
    List<ChecklistAnswer> answers =
        request.checklist().stream()
            .map(a -> new ChecklistAnswer(a.item(), a.outcome(), a.comment()))
            .toList();
    return new SignOff(reviewer, request.role(), round, answers, request.comments(), at);
  }

  static SignOff signOff(SignOffEntity entity) {
    return new SignOff(
        entity.reviewerSubject,
        entity.role,
        entity.reviewRound,
        checklist(entity),
        entity.comments,
        entity.signedAt);
  }

  /** The checklist in one line for the audit entry, e.g. {@code ADVISORY=MET,LAWFUL=MET}. */
  static String checklistSummary(SignOff signOff) {
    return signOff.checklist().stream()
        .map(a -> a.item() + "=" + a.outcome())
        .collect(Collectors.joining(","));
  }

  private static ToolVersionView.SignOffView view(SignOffEntity entity) {
    return new ToolVersionView.SignOffView(
        entity.reviewerUsername,
        entity.role,
        entity.reviewRound,
        checklist(entity).stream()
            .map(
                a ->
                    new ToolVersionView.ChecklistItemView(
                        a.item().name(), a.outcome().name(), a.comment()))
            .toList(),
        entity.comments,
        entity.signedAt);
  }

  private static List<ChecklistAnswer> checklist(SignOffEntity entity) {
    try {
      return JSON.readValue(entity.checklist, CHECKLIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored checklist is not readable", e);
    }
  }
}
