package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Canonical JSON of a parsed document, after RFC 8785 (JCS): object members sorted by their names'
 * UTF-16 code units, no insignificant whitespace, strings escaped as JCS does. Numbers differ from
 * JCS only in form: an integral value is written as a plain integer ({@code 1.0} and {@code 1} are
 * the same), any other as the shortest decimal that round-trips, with an exponent ({@code E})
 * beyond 21 digits. The same tree always gives the same bytes, whatever YAML or JSON layout,
 * comments or key order it was written with.
 */
public final class CanonicalJson {

  private static final BigDecimal PLAIN_LIMIT = new BigDecimal("1e21");

  /** Why a document is refused at the pointer {@link #firstNonFinite} gives. */
  public static final String NON_FINITE =
      "is a number beyond the range of a double (about 1.8e308 either way)";

  private CanonicalJson() {}

  public static byte[] encode(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code sha256:<64 lower-case hex>} of {@link #encode(JsonNode)}. */
  public static String sha256(JsonNode node) {
    return sha256(encode(node));
  }

  /**
   * {@code sha256:<64 lower-case hex>} of bytes {@link #encode(JsonNode)} already gave, for a
   * caller that keeps the encoding too and should not encode twice.
   */
  public static String sha256(byte[] encoded) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(encoded);
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * The JSON pointer (RFC 6901) of the first number in {@code node} that has no JSON form, or empty
   * if there is none. A parser reads a number past the range of a double (e.g. {@code 1e999999}) as
   * an infinity: a document that holds one is refused where it is read, since it cannot be encoded,
   * hashed or passed on.
   */
  public static Optional<String> firstNonFinite(JsonNode node) {
    return firstNonFinite(node, "");
  }

  private static Optional<String> firstNonFinite(JsonNode node, String at) {
    if (node.isContainerNode()) {
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          Optional<String> found =
              firstNonFinite(
                  member.getValue(),
                  at + "/" + member.getKey().replace("~", "~0").replace("/", "~1"));
          if (found.isPresent()) {
            return found;
          }
        }
      } else {
        for (int i = 0; i < node.size(); i++) {
          Optional<String> found = firstNonFinite(node.get(i), at + "/" + i);
          if (found.isPresent()) {
            return found;
          }
        }
      }
      return Optional.empty();
    }
    return nonFinite(node) ? Optional.of(at) : Optional.empty();
  }

  private static boolean nonFinite(JsonNode node) {
    return node.isFloatingPointNumber()
        && !node.isBigDecimal()
        && !Double.isFinite(node.doubleValue());
  }

  private static void write(JsonNode node, StringBuilder sb) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        sb.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          string(names.get(i), sb);
          sb.append(':');
          write(node.get(names.get(i)), sb);
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(node.get(i), sb);
        }
        sb.append(']');
      }
      case STRING -> string(node.textValue(), sb);
      case NUMBER -> number(node, sb);
      case BOOLEAN -> sb.append(node.booleanValue());
      case NULL -> sb.append("null");
      default ->
          throw new IllegalArgumentException(
              "no canonical JSON form for a " + node.getNodeType() + " node");
    }
  }

  private static void number(JsonNode node, StringBuilder sb) {
    if (nonFinite(node)) {
      throw new IllegalArgumentException("NaN and infinities have no JSON form");
    }
    BigDecimal v = node.decimalValue().stripTrailingZeros();
    if (v.signum() == 0) {
      sb.append('0');
    } else if (v.scale() <= 0 && v.abs().compareTo(PLAIN_LIMIT) < 0) {
      sb.append(v.toPlainString());
    } else {
      sb.append(v.toString());
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
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
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
