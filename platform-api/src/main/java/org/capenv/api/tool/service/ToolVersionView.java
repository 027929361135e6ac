package org.capenv.api.tool.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.capenv.catalog.lifecycle.VersionState;
import org.capenv.catalog.manifest.ToolManifest;

/**
 * A tool version as the API shows it: the state of its review, and what its manifest declares,
 * including the transparency record that every user may read.
 */
public record ToolVersionView(
    String name,
    String version,
    VersionState state,
    String stateReason,
    int reviewRound,
    String manifestDigest,
    String summary,
    String description,
    String licence,
    ToolManifest.Source source,
    String image,
    String maxClassification,
    String minVetting,
    List<String> roles,
    List<String> forces,
    JsonNode parameters,
    List<ToolManifest.Input> inputs,
    List<ToolManifest.Output> outputs,
    ToolManifest.Resources resources,
    ToolManifest.Transparency transparency,
    String submittedBy,
    Instant createdAt,
    Instant updatedAt,
    List<SignOffView> signOffs,
    List<String> activeRuns) {

  /**
   * This view with the runs that were still pending or running when the version was suspended: they
   * go on (a suspension stops new runs), and the people suspending it are told which.
   */
  public ToolVersionView withActiveRuns(List<String> runIds) {
    return new ToolVersionView(
        name,
        version,
        state,
        stateReason,
        reviewRound,
        manifestDigest,
        summary,
        description,
        licence,
        source,
        image,
        maxClassification,
        minVetting,
        roles,
        forces,
        parameters,
        inputs,
        outputs,
        resources,
        transparency,
        submittedBy,
        createdAt,
        updatedAt,
        signOffs,
        List.copyOf(runIds));
  }

  /** A reviewer's sign-off as recorded. */
  public record SignOffView(
      String reviewer,
      String role,
      int round,
      List<ChecklistItemView> checklist,
      String comments,
      Instant signedAt) {}

  /** One ALGO-CARE answer. */
  public record ChecklistItemView(String item, String outcome, String comment) {}
}
