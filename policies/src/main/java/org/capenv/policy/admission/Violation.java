package org.capenv.policy.admission;

import java.util.Objects;

/**
 * A validation of an admission policy that an object failed.
 *
 * @param policy the ValidatingAdmissionPolicy name
 * @param message the validation's message (or, if the expression could not be evaluated, the
 *     message followed by the evaluation error — the API server denies in that case too, since the
 *     shipped policies use {@code failurePolicy: Fail})
 * @param expression the CEL expression that failed
 */
public record Violation(String policy, String message, String expression) {
  public Violation {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(expression, "expression");
  }
}
