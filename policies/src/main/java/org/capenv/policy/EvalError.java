package org.capenv.policy;

/**
 * A CEL evaluation error inside a compiled condition: the same cases in which CEL-Java raises an
 * error (no such key, overflow, division by zero, a malformed number or time zone, a value of the
 * wrong type). It carries no stack trace: errors are values that {@code &&}, {@code ||} and
 * comprehensions may absorb, so raising one must be cheap. The message is for debugging only; a
 * decision takes its error message from CEL itself.
 */
final class EvalError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EvalError(String message) {
    super(message, null, false, false);
  }

  /** Thrown when a value is not of the type a checked expression promised (a {@code dyn}). */
  static EvalError noMatchingOverload(String function) {
    return new EvalError("no matching overload for '" + function + "'");
  }
}
