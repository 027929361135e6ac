package org.capenv.policy;

/**
 * One compiled sub-expression. {@link #eval} returns the CEL value as CEL-Java represents it at run
 * time ({@code Long}, {@code String}, {@code Boolean}, {@code List}, {@code Map}, {@code Instant})
 * or throws {@link EvalError} where CEL would produce an error.
 */
@FunctionalInterface
interface EvalNode {
  Object eval(EvalFrame f);
}
