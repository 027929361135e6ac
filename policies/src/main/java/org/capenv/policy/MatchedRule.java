package org.capenv.policy;

import java.util.Objects;

/**
 * A rule whose condition held for a request (or that could not be evaluated, which counts as a
 * deny).
 *
 * @param name the rule name, unique in its bundle
 * @param effect the rule's effect; {@link Effect#DENY} for a rule that failed to evaluate
 * @param message the rule's message, or the evaluation error for a rule that failed
 */
public record MatchedRule(String name, Effect effect, String message) {
  public MatchedRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(message, "message");
  }
}
