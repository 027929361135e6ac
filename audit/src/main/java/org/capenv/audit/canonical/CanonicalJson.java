package org.capenv.audit.canonical;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RFC 8785 (JCS) canonical JSON writer for the value subset the audit log uses: objects ({@link
 * Map} with {@link String} keys), arrays ({@link List}), strings, integers ({@link Long} or {@link
 * Integer}, |n| &le; 2<sup>53</sup>-1 so that every JSON implementation reads them exactly), and
 * booleans. Floating-point numbers and {@code null} are not part of the subset: an absent value is
 * an absent member.
 *
 * <p>Object members are sorted by their names compared as UTF-16 code units ({@link
 * String#compareTo} does exactly that), there is no whitespace, and strings escape only what RFC
 * 8785 &sect;3.2.2.2 requires.
 */
public final class CanonicalJson {

  /** Largest integer that IEEE 754 doubles represent exactly; RFC 8785 numbers are doubles. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private CanonicalJson() {}

  /** Returns the canonical UTF-8 bytes of {@code value}. */
  public static byte[] encode(Object value) {
    StringBuilder sb = new StringBuilder(512);
    write(sb, value);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical bytes of an object and where the value of one of its members lies in them.
   *
   * @param utf8 the canonical UTF-8 bytes of the whole object
   * @param valueFrom index of the member value's first byte
   * @param valueTo index after the member value's last byte
   */
  public record Marked(byte[] utf8, int valueFrom, int valueTo) {}

  /**
   * Returns the canonical bytes of {@code object}, exactly as {@link #encode} does, together with
   * the byte range of the value of its member {@code member}: lets a caller substitute that value
   * later (e.g. a sequence number assigned under a lock) without encoding the rest again.
   *
   * @throws IllegalArgumentException if {@code object} has no member {@code member}, or as {@link
   *     #encode}
   */
  public static Marked encodeMarked(Map<String, ?> object, String member) {
    if (!object.containsKey(member)) {
      throw new IllegalArgumentException("no member \"" + member + "\" to mark");
    }
    StringBuilder sb = new StringBuilder(1024);
    int[] chars = new int[2];
    writeObject(sb, object, member, chars);
    String text = sb.toString();
    int from = utf8Length(text, 0, chars[0]);
    int to = from + utf8Length(text, chars[0], chars[1]);
    return new Marked(text.getBytes(StandardCharsets.UTF_8), from, to);
  }

  /** UTF-8 length of {@code s[from, to)}, which holds only whole surrogate pairs. */
  private static int utf8Length(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      // a surrogate pair is 4 bytes in UTF-8, i.e. 2 per char
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  /** Returns the canonical form as a string (no trailing newline). */
  public static String encodeToString(Object value) {
    StringBuilder sb = new StringBuilder(512);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    if (value instanceof String s) {
      writeString(sb, s);
    } else if (value instanceof Long || value instanceof Integer) {
      long n = ((Number) value).longValue();
      if (n > MAX_SAFE_INTEGER || n < -MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("integer outside the exact double range: " + n);
      }
      sb.append(n);
    } else if (value instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (value instanceof Map<?, ?> map) {
      writeObject(sb, map);
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, list.get(i));
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException(
          "value outside the canonical subset: " + (value == null ? "null" : value.getClass()));
    }
  }

  private static void writeObject(StringBuilder sb, Map<?, ?> map) {
    writeObject(sb, map, null, null);
  }

  /**
   * Writes {@code map} sorted; if {@code marked} is not null, stores the char range of its value in
   * {@code range}.
   */
  private static void writeObject(StringBuilder sb, Map<?, ?> map, String marked, int[] range) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("object member name is not a string: " + e.getKey());
      }
      sorted.put(key, e.getValue());
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      writeString(sb, e.getKey());
      sb.append(':');
      boolean mark = e.getKey().equals(marked);
      if (mark) {
        range[0] = sb.length();
      }
      write(sb, e.getValue());
      if (mark) {
        range[1] = sb.length();
      }
    }
    sb.append('}');
  }

  static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        // a lone surrogate has no UTF-8 form: refuse rather than emit U+FFFD silently
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          sb.append(c).append(s.charAt(++i));
          continue;
        }
        throw new IllegalArgumentException("lone surrogate at index " + i);
      }
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Strict parser: accepts only input that is already in canonical form. */
  public static Object parse(byte[] utf8) throws NonCanonicalJsonException {
    return new StrictParser(utf8, 0, utf8.length).parseDocument();
  }

  /** Strict parser over {@code utf8[from, to)}. */
  public static Object parse(byte[] utf8, int from, int to) throws NonCanonicalJsonException {
    return new StrictParser(utf8, from, to).parseDocument();
  }
}
