package org.capenv.policy;

/**
 * A condition compiled by {@link ConditionCompiler}. Immutable and thread-safe: each evaluation
 * gets its own {@link EvalFrame}.
 */
final class CompiledCondition {
  private final EvalNode root;
  private final int slots;

  CompiledCondition(EvalNode root, int slots) {
    this.root = root;
    this.slots = slots;
  }

  /**
   * Evaluates the condition.
   *
   * @return whether it holds
   * @throws EvalError where CEL would fail to evaluate it
   */
  boolean test(PolicyInput input) {
    Object v = root.eval(new EvalFrame(input, slots));
    return EvalLogic.bool(v, "condition");
  }
}
