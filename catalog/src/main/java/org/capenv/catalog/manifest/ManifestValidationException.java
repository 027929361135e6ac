package org.capenv.catalog.manifest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest, or a run's parameters, broke one or more rules. The list is never empty and is in
 * document order where the order is known; the REST layer maps it to an RFC 9457 problem with one
 * entry per violation.
 */
public final class ManifestValidationException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<ManifestViolation> violations;

  public ManifestValidationException(String what, List<ManifestViolation> violations) {
    super(
        what
            + " is invalid: "
            + violations.stream()
                .map(ManifestViolation::toString)
                .collect(Collectors.joining("; ")));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  public List<ManifestViolation> violations() {
    return violations;
  }
}
