package org.capenv.policy;

import java.util.List;
import java.util.Map;

/**
 * The non-strict parts of CEL: the logical operators, the conditional and comprehensions (the
 * expansion of the {@code all}, {@code exists}, {@code exists_one}, ... macros). CEL treats an
 * error as a value here: {@code false && error} and {@code error && false} are {@code false},
 * {@code true || error} and {@code error || true} are {@code true}; an error in a comprehension's
 * step is kept in its accumulator, where a later step may absorb it. Any other combination with an
 * error is an error. A value that is not a {@code bool} where one is needed is an error, as in CEL.
 */
final class EvalLogic {
  private EvalLogic() {}

  static EvalNode and(EvalNode left, EvalNode right) {
    return f -> {
      EvalError leftError;
      try {
        Object l = left.eval(f);
        if (l == Boolean.FALSE) {
          return false;
        }
        if (l == Boolean.TRUE) {
          return bool(right.eval(f), "_&&_");
        }
        leftError = EvalError.noMatchingOverload("_&&_");
      } catch (EvalError e) {
        leftError = e;
      }
      Object r = right.eval(f); // an error here propagates: both sides failed
      if (r == Boolean.FALSE) {
        return false;
      }
      throw leftError;
    };
  }

  static EvalNode or(EvalNode left, EvalNode right) {
    return f -> {
      EvalError leftError;
      try {
        Object l = left.eval(f);
        if (l == Boolean.TRUE) {
          return true;
        }
        if (l == Boolean.FALSE) {
          return bool(right.eval(f), "_||_");
        }
        leftError = EvalError.noMatchingOverload("_||_");
      } catch (EvalError e) {
        leftError = e;
      }
      Object r = right.eval(f);
      if (r == Boolean.TRUE) {
        return true;
      }
      throw leftError;
    };
  }

  static EvalNode not(EvalNode operand) {
    return f -> !bool(operand.eval(f), "!_");
  }

  /** CEL's internal {@code @not_strictly_false}: true unless the value is {@code false}. */
  static EvalNode notStrictlyFalse(EvalNode operand) {
    return f -> {
      try {
        return operand.eval(f) != Boolean.FALSE;
      } catch (EvalError e) {
        return true;
      }
    };
  }

  static EvalNode conditional(EvalNode condition, EvalNode then, EvalNode otherwise) {
    return f -> bool(condition.eval(f), "_?_:_") ? then.eval(f) : otherwise.eval(f);
  }

  /**
   * A comprehension over a list's elements or a map's keys, with its variables in frame slots. Only
   * the result's value matters here, so the order of a map's keys does not: the macros' steps
   * combine with the commutative {@code &&} and {@code ||}, or count.
   */
  static EvalNode comprehension(
      EvalNode range,
      int iterSlot,
      int accuSlot,
      EvalNode accuInit,
      EvalNode loopCondition,
      EvalNode loopStep,
      EvalNode result) {
    return f -> {
      Object r = range.eval(f);
      Iterable<?> items;
      if (r instanceof List<?> list) {
        items = list;
      } else if (r instanceof Map<?, ?> map) {
        items = map.keySet();
      } else {
        throw EvalError.noMatchingOverload("comprehension range");
      }
      f.slots[accuSlot] = accuInit.eval(f);
      for (Object item : items) {
        f.slots[iterSlot] = item;
        if (!bool(loopCondition.eval(f), "loop condition")) {
          break;
        }
        try {
          f.slots[accuSlot] = loopStep.eval(f);
        } catch (EvalError e) {
          f.slots[accuSlot] = e;
        }
      }
      Object value = result.eval(f);
      f.slots[iterSlot] = null;
      f.slots[accuSlot] = null;
      return value;
    };
  }

  static boolean bool(Object v, String function) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw EvalError.noMatchingOverload(function);
  }
}
