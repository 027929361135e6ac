package org.capenv.api.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a request's URL (its request target, as sent) before anything decodes it: every percent
 * escape is {@code %} and two hexadecimal digits, the bytes the escapes of each part stand for are
 * UTF-8 text, and the whole is a URI ({@link URI}'s syntax, the check Quarkus itself makes).
 *
 * <p>The framework decodes lazily and differently per layer: the router fails a bad escape in the
 * path while matching routes, the query is decoded when a parameter is first read, and escapes that
 * are not UTF-8 become replacement characters ({@code U+FFFD}) without a word. Checked here once,
 * in the order a reader of the URL would find the fault.
 */
public final class RequestUrl {
  private RequestUrl() {}

  /**
   * What is wrong with a URL.
   *
   * @param field where: {@code path}, {@code query}, or {@code query.<name>} for one parameter
   * @param message why, for that field
   * @param detail the same, as a sentence about the whole URL
   */
  public record Fault(String field, String message, String detail) {}

  /** The first fault of a request target, or empty when it is well-formed. */
  public static Optional<Fault> check(String target) {
    if (target == null || target.isEmpty()) {
      return Optional.of(
          new Fault("path", "missing", "The request has no URL, or one that cannot be read."));
    }
    int hash = target.indexOf('#');
    String beforeFragment = hash < 0 ? target : target.substring(0, hash);
    int question = beforeFragment.indexOf('?');
    String path = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
    Optional<Fault> fault = component("path", path);
    if (fault.isEmpty() && question >= 0) {
      fault = query(beforeFragment.substring(question + 1));
    }
    if (fault.isPresent()) {
      return fault;
    }
    try {
      new URI(target);
    } catch (URISyntaxException e) {
      boolean inQuery = question >= 0 && e.getIndex() > question;
      return Optional.of(
          new Fault(
              inQuery ? "query" : "path",
              "a character that must be percent-encoded",
              "The request URL has a character that is not allowed in a URL"
                  + (e.getIndex() >= 0 ? " (at position " + (e.getIndex() + 1) + ")" : "")
                  + "; it must be percent-encoded."));
    }
    return Optional.empty();
  }

  /** Between a query's parameters: compiled once, not by {@code String.split} per request. */
  private static final Pattern PARAMETERS = Pattern.compile("[&;]");

  /** Names longer than this are cut in a fault: they are the sender's text. */
  private static final int NAME_SHOWN = 64;

  /**
   * The query, parameter by parameter, so that a fault can name the parameter it is in. A parameter
   * given twice is a fault too: no endpoint takes a list from the query, and the framework would
   * hand it the first value and drop the other without a word.
   */
  private static Optional<Fault> query(String query) {
    Set<String> seen = new HashSet<>();
    for (String pair : PARAMETERS.split(query, -1)) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      Optional<Fault> fault = component("query", pair);
      if (fault.isPresent()) {
        String field = "query";
        if (component("query", name).isEmpty() && !name.isEmpty()) {
          field = "query." + shown(URLDecoder.decode(name, StandardCharsets.UTF_8));
        }
        return Optional.of(new Fault(field, fault.get().message(), fault.get().detail()));
      }
      String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
      if (!decoded.isEmpty() && !seen.add(decoded)) {
        return Optional.of(
            new Fault(
                "query." + shown(decoded),
                "given more than once",
                "The request URL gives the query parameter \""
                    + shown(decoded)
                    + "\" more than once; each may be given only once."));
      }
    }
    return Optional.empty();
  }

  private static String shown(String name) {
    return name.length() <= NAME_SHOWN ? name : name.substring(0, NAME_SHOWN) + "…";
  }

  /** The escapes of one part of the URL: each well-formed, and together UTF-8. */
  private static Optional<Fault> component(String where, String text) {
    if (plainAscii(text)) {
      // the common case, on every request: no escape to check, and ASCII is UTF-8
      return Optional.empty();
    }
    byte[] bytes = new byte[text.length() * 3];
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 1 < text.length() ? hex(text.charAt(i + 1)) : -1;
        int low = i + 2 < text.length() ? hex(text.charAt(i + 2)) : -1;
        if (high < 0 || low < 0) {
          return Optional.of(
              new Fault(
                  where,
                  "a bad percent escape",
                  "The request URL has a bad percent escape in its "
                      + where
                      + ": a '%' must be followed by two hexadecimal digits."));
        }
        bytes[length++] = (byte) (high * 16 + low);
        i += 2;
      } else if (c < 0x100) {
        // the request line is read byte for byte: a char below 256 is the byte that was sent
        bytes[length++] = (byte) c;
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          bytes[length++] = b;
        }
      }
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      utf8.decode(ByteBuffer.wrap(bytes, 0, length));
    } catch (CharacterCodingException e) {
      return Optional.of(
          new Fault(
              where,
              "percent escapes that are not UTF-8",
              "The request URL has percent escapes in its "
                  + where
                  + " that do not encode UTF-8 text."));
    }
    return Optional.empty();
  }

  private static boolean plainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The value of an ASCII hexadecimal digit, or -1 (other scripts' digits are not hex here). */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
