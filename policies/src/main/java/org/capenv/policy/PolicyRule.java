package org.capenv.policy;

import java.util.Objects;

/**
 * One access rule as written in a policy file.
 *
 * @param file the file it comes from, relative to the policy folder
 * @param name unique in the bundle; lower-case letters, digits and hyphens
 * @param effect what the rule does when its condition holds
 * @param condition a CEL expression of type bool over {@code user}, {@code tool}, {@code request}
 *     and {@code env}
 * @param message the reason shown and audited when the rule matches
 */
public record PolicyRule(
    String file, String name, Effect effect, String condition, String message) {
  public PolicyRule {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(message, "message");
  }
}
