package org.capenv.catalog.manifest;

import java.util.Objects;

/**
 * One broken rule in a manifest or in a run's parameters.
 *
 * @param pointer JSON pointer (RFC 6901) of the offending field, {@code ""} for the whole document
 * @param rule short stable name of the rule broken (a JSON Schema keyword such as {@code required}
 *     or {@code pattern}, or a capenv rule such as {@code placeholder-unknown}); clients may key on
 *     it
 * @param message what is wrong, for a person
 */
public record ManifestViolation(String pointer, String rule, String message) {

  public ManifestViolation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message + " [" + rule + "]";
  }
}
