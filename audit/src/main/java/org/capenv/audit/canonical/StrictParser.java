package org.capenv.audit.canonical;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the canonical subset and rejects anything a canonical writer would not have produced:
 * whitespace, unsorted or duplicate member names, escapes other than the mandatory ones, numbers
 * with a sign of zero, leading zeros, fractions or exponents, {@code null}, invalid UTF-8. Because
 * of that, parse-then-encode returns the input bytes unchanged.
 */
final class StrictParser {
  private static final int MAX_DEPTH = 16;

  private final byte[] in;
  private final int end;
  private int pos;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();

  StrictParser(byte[] in, int from, int to) {
    this.in = in;
    this.pos = from;
    this.end = to;
  }

  Object parseDocument() throws NonCanonicalJsonException {
    Object v = value(0);
    if (pos != end) {
      throw fail("trailing bytes after the value");
    }
    return v;
  }

  private Object value(int depth) throws NonCanonicalJsonException {
    if (depth > MAX_DEPTH) {
      throw fail("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= end) {
      throw fail("unexpected end of input");
    }
    byte b = in[pos];
    return switch (b) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      default -> {
        if (b == '-' || (b >= '0' && b <= '9')) {
          yield number();
        }
        throw fail("unexpected byte 0x" + Integer.toHexString(b & 0xFF));
      }
    };
  }

  private Map<String, Object> object(int depth) throws NonCanonicalJsonException {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    String previous = null;
    while (true) {
      if (peek() != '"') {
        throw fail("expected a member name");
      }
      int keyAt = pos;
      String key = string();
      if (previous != null && previous.compareTo(key) >= 0) {
        throw new NonCanonicalJsonException(
            "member \"" + key + "\" is not after \"" + previous + "\" in code-unit order", keyAt);
      }
      previous = key;
      expect(':');
      map.put(key, value(depth + 1));
      byte b = next();
      if (b == '}') {
        return Collections.unmodifiableMap(map);
      }
      if (b != ',') {
        pos--;
        throw fail("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws NonCanonicalJsonException {
    pos++;
    List<Object> list = new ArrayList<>();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      list.add(value(depth + 1));
      byte b = next();
      if (b == ']') {
        return Collections.unmodifiableList(list);
      }
      if (b != ',') {
        pos--;
        throw fail("expected ',' or ']'");
      }
    }
  }

  private String string() throws NonCanonicalJsonException {
    pos++;
    StringBuilder sb = null;
    int runStart = pos;
    boolean ascii = true;
    while (true) {
      if (pos >= end) {
        throw fail("unterminated string");
      }
      int b = in[pos] & 0xFF;
      if (b == '"') {
        String run = decode(runStart, pos, ascii);
        pos++;
        return sb == null ? run : sb.append(run).toString();
      }
      if (b < 0x20) {
        throw fail("raw control character in string");
      }
      if (b == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(decode(runStart, pos, ascii));
        sb.append(escape());
        runStart = pos;
        ascii = true;
        continue;
      }
      if (b >= 0x80) {
        ascii = false;
      }
      pos++;
    }
  }

  private char escape() throws NonCanonicalJsonException {
    int at = pos;
    pos++;
    byte e = next();
    switch (e) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        if (pos + 4 > end) {
          throw fail("truncated \\u escape");
        }
        int c = 0;
        for (int i = 0; i < 4; i++) {
          byte h = in[pos++];
          int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : -1;
          if (d < 0) {
            throw new NonCanonicalJsonException("\\u escape not in lower-case hex", at);
          }
          c = (c << 4) | d;
        }
        boolean hasShortForm =
            c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t' || c == '"';
        if (c >= 0x20 || hasShortForm) {
          throw new NonCanonicalJsonException("\\u escape that canonical form does not use", at);
        }
        return (char) c;
      default:
        throw new NonCanonicalJsonException("escape that canonical form does not use", at);
    }
  }

  private String decode(int from, int to, boolean ascii) throws NonCanonicalJsonException {
    if (ascii) {
      return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
    }
    try {
      return utf8.decode(ByteBuffer.wrap(in, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw new NonCanonicalJsonException("invalid UTF-8 in string", from);
    }
  }

  private Long number() throws NonCanonicalJsonException {
    int start = pos;
    boolean negative = in[pos] == '-';
    if (negative) {
      pos++;
    }
    int digitsStart = pos;
    while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
      pos++;
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
    if (digits > 16) {
      throw new NonCanonicalJsonException("integer outside the exact double range", start);
    }
    long n = Long.parseLong(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
    if (negative && n == 0) {
      throw new NonCanonicalJsonException("negative zero", start);
    }
    if (Math.abs(n) > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new NonCanonicalJsonException("integer outside the exact double range", start);
    }
    return n;
  }

  private Object literal(String text, Object value) throws NonCanonicalJsonException {
    for (int i = 0; i < text.length(); i++) {
      if (pos >= end || in[pos] != text.charAt(i)) {
        throw fail("invalid literal");
      }
      pos++;
    }
    return value;
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

  private void expect(char c) throws NonCanonicalJsonException {
    if (next() != c) {
      pos--;
      throw fail("expected '" + c + "'");
    }
  }

  private NonCanonicalJsonException fail(String message) {
    return new NonCanonicalJsonException(message, pos);
  }
}
