package org.capenv.api.tool.service;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.util.List;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.common.UnprocessableContent;
import org.capenv.catalog.lifecycle.TransitionDecision;
import org.capenv.catalog.manifest.ManifestValidationException;

/** The catalogue's problem types. */
final class ToolProblems {
  static final URI NOT_FOUND = URI.create("https://capenv.org/problems/tool-version-not-found");
  static final URI EXISTS = URI.create("https://capenv.org/problems/tool-version-exists");
  static final URI INVALID_MANIFEST = URI.create("https://capenv.org/problems/invalid-manifest");
  static final URI REFUSED = URI.create("https://capenv.org/problems/tool-version-action-refused");

  private ToolProblems() {}

  /** 404 alike for a version that does not exist and one the caller may not see. */
  static ProblemException notFound(String name, String version) {
    return new ProblemException(
        Status.NOT_FOUND,
        NOT_FOUND,
        "Tool version not found",
        "There is no tool version " + name + "@" + version + " that you can see.");
  }

  static ProblemException exists(String coordinates) {
    return new ProblemException(
        Status.CONFLICT,
        EXISTS,
        "Tool version exists",
        coordinates + " already exists; a change to a tool is a new version.");
  }

  static ProblemException invalid(ManifestValidationException e) {
    List<Problem.FieldError> errors =
        e.violations().stream()
            .map(v -> new Problem.FieldError(v.pointer(), v.rule() + ": " + v.message()))
            .toList();
    return new ProblemException(
        UnprocessableContent.STATUS,
        INVALID_MANIFEST,
        "Invalid tool manifest",
        "The manifest breaks " + errors.size() + " rule(s); see errors.",
        errors);
  }

  /** Maps a refused lifecycle decision: 403 for who, 409 for when, 422 for what is missing. */
  static ProblemException refused(TransitionDecision decision) {
    Response.StatusType status =
        switch (decision.outcome()) {
          case FORBIDDEN -> Status.FORBIDDEN;
          case NOT_IN_THIS_STATE -> Status.CONFLICT;
          default -> UnprocessableContent.STATUS;
        };
    return new ProblemException(
        status, REFUSED, "Action refused", String.join("; ", decision.reasons()));
  }

  static ProblemException refused(Response.StatusType status, List<String> reasons) {
    return new ProblemException(status, REFUSED, "Action refused", String.join("; ", reasons));
  }
}
