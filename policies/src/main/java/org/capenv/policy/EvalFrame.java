package org.capenv.policy;

/**
 * The state of one evaluation: the request and the slots of comprehension variables. One frame per
 * decision, used by one thread.
 */
final class EvalFrame {
  final PolicyInput input;
  final Object[] slots;

  EvalFrame(PolicyInput input, int slots) {
    this.input = input;
    this.slots = new Object[slots];
  }

  /** A slot's value; an error stored by a comprehension step is raised when read, as in CEL. */
  Object slot(int i) {
    Object v = slots[i];
    if (v instanceof EvalError e) {
      throw e;
    }
    return v;
  }
}
