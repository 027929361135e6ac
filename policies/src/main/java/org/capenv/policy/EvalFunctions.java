package org.capenv.policy;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.re2j.Pattern;
import dev.cel.common.internal.DateTimeHelpers;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The strict CEL functions a compiled condition may call, by CEL overload id, each with CEL-Java
 * 0.14's behaviour: the same Java operation where CEL-Java uses one (exact {@code long} arithmetic,
 * {@link Long#parseLong}, {@link DateTimeHelpers}, RE2/J, Guava's {@link Splitter}), and an {@link
 * EvalError} where CEL-Java raises an error. Arguments are evaluated left to right and an error in
 * any of them is the call's error.
 */
final class EvalFunctions {
  /** The code points CEL's {@code trim()} removes (its strings extension's whitespace set). */
  private static final String TRIM_WHITESPACE =
      "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
          + "\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

  private EvalFunctions() {}

  /**
   * A call to one overload, or null if this overload is not compiled.
   *
   * @param constantString the value of the last argument if it is a string literal, else null
   *     (patterns, time zones and separators are only compiled when constant)
   */
  static EvalNode call(
      String overload, List<EvalNode> args, String constantString, boolean partialMatch) {
    return switch (args.size()) {
      case 1 -> unary(overload, args.get(0));
      case 2 -> binary(overload, args.get(0), args.get(1), constantString, partialMatch);
      default -> null;
    };
  }

  private static EvalNode unary(String overload, EvalNode a) {
    return switch (overload) {
      case "size_string", "string_size" -> f -> (long) codePoints(str(a.eval(f)));
      case "size_list", "list_size" -> f -> (long) list(a.eval(f)).size();
      case "size_map", "map_size" -> f -> (long) map(a.eval(f)).size();
      case "string_trim" -> f -> trim(str(a.eval(f)));
      case "string_to_int64" -> f -> parseLong(str(a.eval(f)));
      case "int64_to_int64" -> f -> integer(a.eval(f));
      case "negate_int64" -> f -> exact(() -> Math.negateExact(integer(a.eval(f))));
      case "vettingRank_string" -> f -> (long) Ranks.vetting(str(a.eval(f)));
      case "classificationRank_string" -> f -> (long) Ranks.classification(str(a.eval(f)));
      default -> null;
    };
  }

  private static EvalNode binary(
      String overload, EvalNode a, EvalNode b, String constant, boolean partialMatch) {
    return switch (overload) {
      case "less_int64" -> f -> integer(a.eval(f)) < integer(b.eval(f));
      case "less_equals_int64" -> f -> integer(a.eval(f)) <= integer(b.eval(f));
      case "greater_int64" -> f -> integer(a.eval(f)) > integer(b.eval(f));
      case "greater_equals_int64" -> f -> integer(a.eval(f)) >= integer(b.eval(f));
      case "add_int64" -> f -> exact(() -> Math.addExact(integer(a.eval(f)), integer(b.eval(f))));
      case "subtract_int64" ->
          f -> exact(() -> Math.subtractExact(integer(a.eval(f)), integer(b.eval(f))));
      case "multiply_int64" ->
          f -> exact(() -> Math.multiplyExact(integer(a.eval(f)), integer(b.eval(f))));
      case "divide_int64" -> f -> divide(integer(a.eval(f)), integer(b.eval(f)));
      case "modulo_int64" -> f -> modulo(integer(a.eval(f)), integer(b.eval(f)));
      case "contains_string" -> f -> str(a.eval(f)).contains(str(b.eval(f)));
      case "starts_with_string" -> f -> str(a.eval(f)).startsWith(str(b.eval(f)));
      case "ends_with_string" -> f -> str(a.eval(f)).endsWith(str(b.eval(f)));
      case "index_map" -> f -> index(map(a.eval(f)), b.eval(f));
      case "index_list" -> f -> index(list(a.eval(f)), integer(b.eval(f)));
      case "matches_string", "matches" ->
          constant == null ? null : matches(a, constant, partialMatch);
      case "string_split_string" ->
          constant == null || constant.isEmpty() ? null : split(a, constant);
      case "timestamp_to_hours_with_tz" -> constant == null ? null : hours(a, b);
      default -> null;
    };
  }

  private static EvalNode matches(EvalNode subject, String pattern, boolean partialMatch) {
    Pattern compiled = Pattern.compile(pattern); // refused at load if invalid (ConstantRegexes)
    return partialMatch
        ? f -> compiled.matcher(str(subject.eval(f))).find()
        : f -> compiled.matcher(str(subject.eval(f))).matches();
  }

  private static EvalNode split(EvalNode subject, String separator) {
    Splitter splitter = Splitter.on(separator).limit(Integer.MAX_VALUE);
    return f -> ImmutableList.copyOf(splitter.split(str(subject.eval(f))));
  }

  private static EvalNode hours(EvalNode timestamp, EvalNode zone) {
    return f -> {
      Object t = timestamp.eval(f);
      String z = str(zone.eval(f));
      if (!(t instanceof Instant instant)) {
        throw EvalError.noMatchingOverload("getHours");
      }
      try {
        return (long) DateTimeHelpers.newLocalDateTime(instant, z).getHour();
      } catch (RuntimeException e) {
        // CEL-Java wraps a malformed or unknown zone in its own exception; any failure is an error
        throw new EvalError(e.getMessage());
      }
    };
  }

  /** CEL's {@code trim()}: its whitespace set only; none of it is a surrogate, so chars suffice. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && TRIM_WHITESPACE.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && TRIM_WHITESPACE.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new EvalError(e.getMessage());
    }
  }

  private static long divide(long x, long y) {
    if (y == 0) {
      throw new EvalError("/ by zero");
    }
    if (x == Long.MIN_VALUE && y == -1) {
      throw new EvalError("most negative number wraps");
    }
    return x / y;
  }

  private static long modulo(long x, long y) {
    if (y == 0) {
      throw new EvalError("% by zero");
    }
    return x % y;
  }

  private static Object index(Map<?, ?> map, Object key) {
    Object v = map.get(key);
    if (v == null) {
      throw new EvalError("no such key: " + key);
    }
    return v;
  }

  private static Object index(List<?> list, long i) {
    if (i < 0 || i >= list.size()) {
      throw new EvalError("index out of bounds: " + i);
    }
    return list.get((int) i);
  }

  private interface LongOp {
    long apply();
  }

  private static long exact(LongOp op) {
    try {
      return op.apply();
    } catch (ArithmeticException e) {
      throw new EvalError(e.getMessage());
    }
  }

  static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw EvalError.noMatchingOverload("string argument");
  }

  static long integer(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    throw EvalError.noMatchingOverload("int argument");
  }

  static List<?> list(Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    throw EvalError.noMatchingOverload("list argument");
  }

  static Map<?, ?> map(Object v) {
    if (v instanceof Map<?, ?> m) {
      return m;
    }
    throw EvalError.noMatchingOverload("map argument");
  }
}
