package org.capenv.policy;

/**
 * A condition compiled by {@link ConditionCompiler}. Immutable and thread-safe: the caller gives
 * each evaluation a frame of its own thread with at least {@link #slots()} slots.
 */
final class CompiledCondition {
  private final EvalNode root;
  private final int slots;

  CompiledCondition(EvalNode root, int slots) {
    this.root = root;
    this.slots = slots;
  }

  /** The comprehension variable slots the condition needs in a frame. */
  int slots() {
    return slots;
  }

  /**
   * Evaluates the condition. A frame may serve several conditions in turn: a comprehension writes
   * its slots before it reads them.
   *
   * @return whether it holds
   * @throws EvalError where CEL would fail to evaluate it
   */
  boolean test(EvalFrame frame) {
    return EvalLogic.bool(root.eval(frame), "condition");
  }

  /** Evaluates the condition in a frame of its own. */
  boolean test(PolicyInput input) {
    return test(new EvalFrame(input, slots));
  }
}
