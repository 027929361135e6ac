package org.capenv.audit.canonical;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks that bytes are canonical JSON (the same rules as {@link CanonicalJson#parse}) without
 * building any objects, and returns the integer value of one top-level member. This is the
 * verifier's per-entry fast path: integrity needs the exact bytes and the sequence number, not a
 * decoded entry.
 */
public final class CanonicalScanner {
  /** Reads eight bytes at once, so that plain string content is skipped a word at a time. */
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Member names compared eight bytes at a time, in their byte (here code-unit) order. */
  private static final VarHandle BIG_ENDIAN_WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final byte[] in;
  private final int end;
  private int pos;
  private final byte[] wanted;
  private long found = Long.MIN_VALUE;

  private CanonicalScanner(byte[] in, int from, int to, byte[] member) {
    this.in = in;
    this.pos = from;
    this.end = to;
    this.wanted = member;
  }

  /**
   * Validates the canonical object that starts at {@code utf8[from]} and ends anywhere before
   * {@code limit}, and returns the index just after it: for scanning records separated by a byte
   * that a canonical object never contains (such as a newline) without finding the separator first.
   * Its top-level integer member named {@code member} (ASCII bytes) is stored in {@code value[0]}.
   *
   * @throws NonCanonicalJsonException if no canonical object with that member starts at {@code
   *     from}
   */
  public static int objectEnd(byte[] utf8, int from, int limit, byte[] member, long[] value)
      throws NonCanonicalJsonException {
    int end = quickObjectEnd(utf8, from, limit, member, value);
    if (end >= 0) {
      return end;
    }
    // refused, or outside the fast path: the recursive scan decides, and names the reason
    return scannedObjectEnd(utf8, from, limit, member, value);
  }

  /** {@link #objectEnd} by the recursive scan alone. */
  static int scannedObjectEnd(byte[] utf8, int from, int limit, byte[] member, long[] value)
      throws NonCanonicalJsonException {
    CanonicalScanner s = new CanonicalScanner(utf8, from, limit, member);
    if (from == limit || utf8[from] != '{') {
      throw new NonCanonicalJsonException("not a JSON object", from);
    }
    s.value(0);
    if (s.found == Long.MIN_VALUE) {
      throw new NonCanonicalJsonException("no integer member", from);
    }
    value[0] = s.found;
    return s.pos;
  }

  /**
   * Validates {@code utf8} as a canonical JSON object and returns its top-level integer member
   * {@code member}.
   *
   * @throws NonCanonicalJsonException if the bytes are not canonical or the member is missing or
   *     not an integer
   */
  public static long topLevelInteger(byte[] utf8, String member) throws NonCanonicalJsonException {
    return topLevelInteger(utf8, 0, utf8.length, member);
  }

  /**
   * As {@link #topLevelInteger(byte[], String)} for the bytes {@code utf8[from, to)}, which must be
   * exactly one canonical object. Offsets in exception messages count from the start of the array,
   * not from {@code from}.
   */
  public static long topLevelInteger(byte[] utf8, int from, int to, String member)
      throws NonCanonicalJsonException {
    CanonicalScanner s =
        new CanonicalScanner(utf8, from, to, member.getBytes(StandardCharsets.UTF_8));
    if (from == to || utf8[from] != '{') {
      throw new NonCanonicalJsonException("not a JSON object", from);
    }
    s.value(0);
    if (s.pos != s.end) {
      throw new NonCanonicalJsonException("trailing bytes after the value", s.pos);
    }
    if (s.found == Long.MIN_VALUE) {
      throw new NonCanonicalJsonException("no integer member \"" + member + "\"", from);
    }
    return s.found;
  }

  /** Deepest nesting of values, as {@link #value} allows: the top-level object is depth 0. */
  private static final int MAX_DEPTH = 16;

  /**
   * The fast path of {@link #objectEnd}: the same checks in one loop whose state lives in local
   * variables (an explicit stack instead of recursion), which the JIT keeps in registers. It
   * returns the index after the object, or -1 when it refuses the bytes or meets something it
   * leaves to the recursive scan (a member name with an escape or a non-ASCII byte); the caller
   * then runs the recursive scan, which decides and names the reason. It must never accept bytes
   * that the recursive scan refuses ({@code CanonicalScannerFastPathTest} compares the two).
   */
  static int quickObjectEnd(byte[] in, int from, int limit, byte[] member, long[] value) {
    if (from >= limit || in[from] != '{') {
      return -1;
    }
    // per open container: whether it is an array, and for objects the previous member name
    int[] prevFrom = new int[MAX_DEPTH + 1];
    int[] prevTo = new int[MAX_DEPTH + 1];
    long arrays = 0;
    int open = 0;
    int pos = from;
    long found = Long.MIN_VALUE;
    boolean wanted = false;
    boolean expectKey = false;
    while (true) {
      if (expectKey) {
        // a member name, plain ASCII only here, in code-unit order after the previous one
        if (pos >= limit || in[pos] != '"') {
          return -1;
        }
        long r = skipString(in, pos, limit);
        if (r < 0 || (r & 1) == 0) {
          return -1;
        }
        int keyFrom = pos + 1;
        pos = (int) (r >>> 1);
        int keyTo = pos - 1;
        int level = open - 1;
        if (prevFrom[level] >= 0
            && compareAscii(in, prevFrom[level], prevTo[level], keyFrom, keyTo) >= 0) {
          return -1;
        }
        prevFrom[level] = keyFrom;
        prevTo[level] = keyTo;
        if (pos >= limit || in[pos] != ':') {
          return -1;
        }
        pos++;
        wanted =
            open == 1
                && keyTo - keyFrom == member.length
                && Arrays.equals(in, keyFrom, keyTo, member, 0, member.length);
        expectKey = false;
      }
      // a value at depth 'open'
      if (open > MAX_DEPTH || pos >= limit) {
        return -1;
      }
      byte b = in[pos];
      if (b == '{' || b == '[') {
        if (wanted || ++pos >= limit) {
          return -1;
        }
        if (in[pos] == (b == '{' ? '}' : ']')) {
          pos++;
        } else {
          if (b == '[') {
            arrays |= 1L << open;
          } else {
            arrays &= ~(1L << open);
            prevFrom[open] = -1;
            expectKey = true;
          }
          open++;
          continue;
        }
      } else if (b == '"') {
        long r = skipString(in, pos, limit);
        if (wanted || r < 0) {
          return -1;
        }
        pos = (int) (r >>> 1);
      } else if (b == '-' || (b >= '0' && b <= '9')) {
        boolean negative = b == '-';
        if (negative) {
          pos++;
        }
        int digitsStart = pos;
        long n = 0;
        while (pos < limit && in[pos] >= '0' && in[pos] <= '9') {
          n = n * 10 + (in[pos] - '0');
          pos++;
          if (pos - digitsStart > 16) {
            return -1;
          }
        }
        int digits = pos - digitsStart;
        if (digits == 0
            || (digits > 1 && in[digitsStart] == '0')
            || (pos < limit && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E'))
            || (negative && n == 0)
            || n > CanonicalJson.MAX_SAFE_INTEGER) {
          return -1;
        }
        if (wanted) {
          found = negative ? -n : n;
          wanted = false;
        }
      } else if (b == 't' || b == 'f') {
        byte[] literal = b == 't' ? TRUE : FALSE;
        if (wanted
            || pos + literal.length > limit
            || !Arrays.equals(in, pos, pos + literal.length, literal, 0, literal.length)) {
          return -1;
        }
        pos += literal.length;
      } else {
        return -1;
      }
      // after a value: close containers, or move to the next member or element
      while (true) {
        if (open == 0) {
          if (found == Long.MIN_VALUE) {
            return -1;
          }
          value[0] = found;
          return pos;
        }
        if (pos >= limit) {
          return -1;
        }
        boolean inArray = (arrays & (1L << (open - 1))) != 0;
        byte c = in[pos++];
        if (c == ',') {
          expectKey = !inArray;
          break;
        }
        if (c != (inArray ? ']' : '}')) {
          return -1;
        }
        open--;
      }
    }
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  /**
   * Skips the string that starts at {@code in[pos]} (a quote) with the checks of {@link
   * #checkedString}.
   *
   * @return {@code (index after the closing quote) << 1 | 1 if it was plain ASCII}, or a negative
   *     {@link #fault} if the string is not canonical
   */
  private static long skipString(byte[] in, int pos, int limit) {
    // plain ASCII up to the closing quote, the common case, in a method small enough to inline
    int p = pos + 1;
    while (p + Long.BYTES <= limit) {
      long flags = specialBytes((long) WORDS.get(in, p));
      if (flags != 0) {
        p += Long.numberOfTrailingZeros(flags) >>> 3;
        if (in[p] == '"') {
          return ((long) (p + 1) << 1) | 1;
        }
        break;
      }
      p += Long.BYTES;
    }
    return checkedString(in, pos, limit);
  }

  private static final int UNTERMINATED = 0;
  private static final int CONTROL = 1;
  private static final int TRUNCATED_U = 2;
  private static final int U_NOT_LOWER_HEX = 3;
  private static final int U_NOT_CANONICAL = 4;
  private static final int ESCAPE_NOT_CANONICAL = 5;
  private static final int INVALID_UTF8 = 6;
  private static final int END_OF_INPUT = 7;

  /** What each fault code of {@link #checkedString} means, by code. */
  private static final String[] STRING_FAULTS = {
    "unterminated string",
    "raw control character in string",
    "truncated \\u escape",
    "\\u escape not in lower-case hex",
    "\\u escape that canonical form does not use",
    "escape that canonical form does not use",
    "invalid UTF-8 in string",
    "unexpected end of input"
  };

  /** A refusal of {@link #checkedString}: negative, with the code and the byte offset. */
  private static long fault(int code, int at) {
    return ~(((long) at << 3) | code);
  }

  /**
   * {@link #skipString} with every check: escapes, non-ASCII bytes, the end of the input. The one
   * check of a string's bytes, for the fast path and the recursive scan alike.
   *
   * @return as {@link #skipString}, or if the string is not canonical a negative {@link #fault}
   */
  private static long checkedString(byte[] in, int pos, int limit) {
    pos++;
    int start = pos;
    boolean plain = true;
    while (true) {
      while (pos + Long.BYTES <= limit) {
        long flags = specialBytes((long) WORDS.get(in, pos));
        if (flags != 0) {
          pos += Long.numberOfTrailingZeros(flags) >>> 3;
          break;
        }
        pos += Long.BYTES;
      }
      if (pos >= limit) {
        return fault(UNTERMINATED, pos);
      }
      int b = in[pos] & 0xFF;
      if (b == '"') {
        if (!plain && !validUtf8(in, start, pos)) {
          return fault(INVALID_UTF8, start);
        }
        return ((long) (pos + 1) << 1) | (plain ? 1 : 0);
      }
      if (b < 0x20) {
        return fault(CONTROL, pos);
      }
      if (b == '\\') {
        plain = false;
        if (pos + 1 >= limit) {
          return fault(END_OF_INPUT, pos + 1);
        }
        byte e = in[pos + 1];
        pos += 2;
        if (e == 'u') {
          if (pos + 4 > limit) {
            return fault(TRUNCATED_U, pos);
          }
          int c = 0;
          for (int i = 0; i < 4; i++) {
            byte h = in[pos++];
            int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : -1;
            if (d < 0) {
              return fault(U_NOT_LOWER_HEX, pos);
            }
            c = (c << 4) | d;
          }
          if (c >= 0x20 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
            return fault(U_NOT_CANONICAL, pos);
          }
        } else if (e != '"' && e != '\\' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
            && e != 't') {
          return fault(ESCAPE_NOT_CANONICAL, pos);
        }
        continue;
      }
      if (b >= 0x80) {
        plain = false;
      }
      pos++;
    }
  }

  private long value(int depth) throws NonCanonicalJsonException {
    if (depth > MAX_DEPTH) {
      throw fail("nesting deeper than " + MAX_DEPTH);
    }
    byte b = peek();
    switch (b) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      default -> {
        if (b == '-' || (b >= '0' && b <= '9')) {
          return number();
        }
        throw fail("unexpected byte 0x" + Integer.toHexString(b & 0xFF));
      }
    }
    return Long.MIN_VALUE;
  }

  private void object(int depth) throws NonCanonicalJsonException {
    pos++;
    if (peek() == '}') {
      pos++;
      return;
    }
    int prevFrom = -1;
    int prevTo = -1;
    boolean prevPlain = false;
    while (true) {
      if (peek() != '"') {
        throw fail("expected a member name");
      }
      int keyFrom = pos + 1;
      boolean plain = string();
      int keyTo = pos - 1;
      if (prevFrom >= 0
          && (prevPlain && plain
                  ? compareAscii(prevFrom, prevTo, keyFrom, keyTo)
                  : compareKeys(prevFrom, prevTo, keyFrom, keyTo, plain))
              >= 0) {
        throw new NonCanonicalJsonException("member names not in code-unit order", keyFrom);
      }
      prevFrom = keyFrom;
      prevTo = keyTo;
      prevPlain = plain;
      if (next() != ':') {
        throw fail("expected ':'");
      }
      boolean isWanted = depth == 0 && plain && equalsWanted(keyFrom, keyTo);
      long v = value(depth + 1);
      if (isWanted) {
        if (v == Long.MIN_VALUE) {
          throw fail("member is not an integer");
        }
        found = v;
      }
      byte b = next();
      if (b == '}') {
        return;
      }
      if (b != ',') {
        throw fail("expected ',' or '}'");
      }
    }
  }

  private void array(int depth) throws NonCanonicalJsonException {
    pos++;
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      value(depth + 1);
      byte b = next();
      if (b == ']') {
        return;
      }
      if (b != ',') {
        throw fail("expected ',' or ']'");
      }
    }
  }

  /** Skips a string, checking escapes and UTF-8; returns true if it was plain ASCII. */
  private boolean string() throws NonCanonicalJsonException {
    long r = checkedString(in, pos, end);
    if (r < 0) {
      long f = ~r;
      throw new NonCanonicalJsonException(STRING_FAULTS[(int) (f & 7)], (int) (f >>> 3));
    }
    pos = (int) (r >>> 1);
    return (r & 1) != 0;
  }

  /**
   * The high bit of each byte of the little-endian word that is a quote, a backslash, a control
   * character or not ASCII, plus possibly bytes above such a byte (a borrow only spreads upwards),
   * so the lowest flag is always exact. Each term flags one class: {@code w} the bytes from 0x80,
   * {@code w - 0x20} those below 0x20, {@code (w ^ c) - 1} the byte {@code c} (it becomes 0xff). No
   * term flags another ASCII byte, and a subtraction borrows only out of a byte of its own class.
   * The usual zero-byte test's {@code & ~x} is left out: it only clears bytes from 0x80, which
   * {@code w} flags anyway. {@code SpecialBytesTest} checks this against a byte loop.
   */
  static long specialBytes(long w) {
    return (w
            | (w - 0x20 * ONES)
            | ((w ^ 0x2222222222222222L) - ONES)
            | ((w ^ 0x5c5c5c5c5c5c5c5cL) - ONES))
        & HIGH_BITS;
  }

  private static boolean validUtf8(byte[] in, int from, int to) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in, from, to - from));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * Compares two plain ASCII names (no escapes, as {@link #string} reported them), whose byte order
   * is their code-unit order. Names are short: a byte loop beats a general array compare here.
   */
  private int compareAscii(int aFrom, int aTo, int bFrom, int bTo) {
    return compareAscii(in, aFrom, aTo, bFrom, bTo);
  }

  private static int compareAscii(byte[] in, int aFrom, int aTo, int bFrom, int bTo) {
    int n = Math.min(aTo - aFrom, bTo - bFrom);
    if (n > 0 && n <= Long.BYTES && Math.max(aFrom, bFrom) + Long.BYTES <= in.length) {
      // most names differ within their first eight bytes: compare those as one big-endian word,
      // without the bytes after the shorter name
      long mask = -1L << (Long.BYTES - n) * Byte.SIZE;
      long a = (long) BIG_ENDIAN_WORDS.get(in, aFrom) & mask;
      long b = (long) BIG_ENDIAN_WORDS.get(in, bFrom) & mask;
      if (a != b) {
        return Long.compareUnsigned(a, b);
      }
      return (aTo - aFrom) - (bTo - bFrom);
    }
    for (int i = 0; i < n; i++) {
      int d = in[aFrom + i] - in[bFrom + i];
      if (d != 0) {
        return d;
      }
    }
    return (aTo - aFrom) - (bTo - bFrom);
  }

  private int compareKeys(int aFrom, int aTo, int bFrom, int bTo, boolean plain)
      throws NonCanonicalJsonException {
    boolean ascii = true;
    for (int i = aFrom; i < aTo && ascii; i++) {
      ascii = in[i] >= 0x20 && in[i] != '\\';
    }
    if (ascii && plain) {
      return Arrays.compare(in, aFrom, aTo, in, bFrom, bTo);
    }
    // escapes or non-ASCII: compare the decoded names as UTF-16, as RFC 8785 orders them
    try {
      String a = (String) CanonicalJson.parse(in, aFrom - 1, aTo + 1);
      String b = (String) CanonicalJson.parse(in, bFrom - 1, bTo + 1);
      return a.compareTo(b);
    } catch (ClassCastException e) {
      throw new NonCanonicalJsonException("member name is not a string", aFrom);
    }
  }

  private boolean equalsWanted(int from, int to) {
    return Arrays.equals(in, from, to, wanted, 0, wanted.length);
  }

  private long number() throws NonCanonicalJsonException {
    int start = pos;
    boolean negative = in[pos] == '-';
    if (negative) {
      pos++;
    }
    int digitsStart = pos;
    long n = 0;
    while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
      n = n * 10 + (in[pos] - '0');
      pos++;
      if (pos - digitsStart > 16) {
        throw new NonCanonicalJsonException("integer outside the exact double range", start);
      }
    }
    int digits = pos - digitsStart;
    if (digits == 0) {
      throw fail("number without digits");
    }
    if (digits > 1 && in[digitsStart] == '0') {
      throw new NonCanonicalJsonException("number with a leading zero", start);
    }
    if (pos < end && (in[pos] == '.' || in[pos] == 'e' || in[pos] == 'E')) {
      throw fail("non-integer number (outside the audit subset)");
    }
    if (negative && n == 0) {
      throw new NonCanonicalJsonException("negative zero", start);
    }
    if (n > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new NonCanonicalJsonException("integer outside the exact double range", start);
    }
    return negative ? -n : n;
  }

  private void literal(String text) throws NonCanonicalJsonException {
    for (int i = 0; i < text.length(); i++) {
      if (pos >= end || in[pos] != text.charAt(i)) {
        throw fail("invalid literal");
      }
      pos++;
    }
  }

  private byte peek() throws NonCanonicalJsonException {
    if (pos >= end) {
      throw fail("unexpected end of input");
    }
    return in[pos];
  }

  private byte next() throws NonCanonicalJsonException {
    byte b = peek();
    pos++;
    return b;
  }

  private NonCanonicalJsonException fail(String message) {
    return new NonCanonicalJsonException(message, pos);
  }
}
