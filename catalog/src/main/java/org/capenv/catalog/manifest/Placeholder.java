package org.capenv.catalog.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A placeholder in an argv template element: {@code ${param.NAME}}, {@code ${input.NAME}} or {@code
 * ${output.NAME}}.
 *
 * @param kind which namespace the name lives in
 * @param name the parameter, input or output name
 * @param wholeElement true when the placeholder is the entire argv element (only then may an array
 *     parameter expand to several elements)
 */
public record Placeholder(Kind kind, String name, boolean wholeElement) {

  /** The namespace of a placeholder. */
  public enum Kind {
    PARAM("param"),
    INPUT("input"),
    OUTPUT("output");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }

    static Kind of(String prefix) {
      for (Kind k : values()) {
        if (k.prefix.equals(prefix)) {
          return k;
        }
      }
      throw new IllegalArgumentException(prefix);
    }
  }

  /** Parameter, input and output names: what may follow {@code param.} etc. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private static final Pattern ONE =
      Pattern.compile("\\$\\{(param|input|output)\\.(" + NAME.pattern() + ")\\}");

  /**
   * The placeholders of one argv element, in order.
   *
   * @throws IllegalArgumentException when the element holds a {@code ${} that does not start a
   *     well-formed placeholder (there is no escape: a literal {@code ${} cannot be written)
   */
  public static List<Placeholder> parse(String element) {
    List<Placeholder> found = new ArrayList<>();
    Matcher m = ONE.matcher(element);
    int from = 0;
    while (true) {
      int open = element.indexOf("${", from);
      if (open < 0) {
        return found;
      }
      if (!m.find(open) || m.start() != open) {
        throw new IllegalArgumentException(
            "malformed placeholder at character "
                + open
                + ": expected ${param.NAME}, ${input.NAME} or ${output.NAME}");
      }
      boolean whole = m.start() == 0 && m.end() == element.length();
      found.add(new Placeholder(Kind.of(m.group(1)), m.group(2), whole));
      from = m.end();
    }
  }

  @Override
  public String toString() {
    return "${" + kind.prefix + "." + name + "}";
  }
}
