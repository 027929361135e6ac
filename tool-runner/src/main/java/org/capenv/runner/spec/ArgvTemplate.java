package org.capenv.runner.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An argv template from a tool manifest, expanded into a concrete argv without any shell.
 *
 * <p>Rules: each template element is a literal or contains placeholders {@code ${param.NAME}},
 * {@code ${input.NAME}} ({@code /in/NAME}) and {@code ${output.NAME}} ({@code /out/NAME}). One
 * template element gives exactly one argv element, whatever the value contains (spaces, quotes,
 * {@code ;} stay inside that element), except an array parameter that is a whole element: it gives
 * one element per item (zero for an empty array). Any other {@code ${...}} is refused, as are an
 * array inside a larger element, nested arrays, maps, nulls, NUL characters and non-finite numbers.
 */
public final class ArgvTemplate {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{(param|input|output)\\.([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})}");

  private final List<String> elements;
  private final Set<String> params = new LinkedHashSet<>();
  private final Set<String> inputs = new LinkedHashSet<>();
  private final Set<String> outputs = new LinkedHashSet<>();

  private ArgvTemplate(List<String> elements) {
    this.elements = List.copyOf(elements);
    for (int i = 0; i < this.elements.size(); i++) {
      String element = this.elements.get(i);
      Matcher m = PLACEHOLDER.matcher(element);
      int end = 0;
      while (m.find()) {
        refuseStrayDollarBrace(element.substring(end, m.start()), i);
        switch (m.group(1)) {
          case "param" -> params.add(m.group(2));
          case "input" -> inputs.add(Names.file("input placeholder", m.group(2)));
          default -> outputs.add(Names.file("output placeholder", m.group(2)));
        }
        end = m.end();
      }
      refuseStrayDollarBrace(element.substring(end), i);
    }
  }

  /** Parses a template; refuses unknown placeholder kinds and malformed placeholders. */
  public static ArgvTemplate parse(List<String> elements) {
    if (elements == null || elements.isEmpty() || elements.stream().anyMatch(Objects::isNull)) {
      throw new InvalidRunSpecException("argv template must be a non-empty list of strings");
    }
    return new ArgvTemplate(elements);
  }

  /** Parameter names this template uses; the catalogue checks each is required or defaulted. */
  public Set<String> parameterNames() {
    return Set.copyOf(params);
  }

  public Set<String> inputNames() {
    return Set.copyOf(inputs);
  }

  public Set<String> outputNames() {
    return Set.copyOf(outputs);
  }

  /**
   * Expands the template.
   *
   * @param parameters validated parameter values (strings, numbers, booleans, or lists of those)
   * @param inputNames names of the staged inputs
   * @param outputNames names of the declared outputs
   * @return the argv, one element per template element (arrays expanded as described above)
   * @throws InvalidRunSpecException if a placeholder names something absent or a value is refused
   */
  public List<String> expand(
      Map<String, ?> parameters, Set<String> inputNames, Set<String> outputNames) {
    List<String> argv = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      String element = elements.get(i);
      Matcher m = PLACEHOLDER.matcher(element);
      if (m.matches() && m.group(1).equals("param")) {
        Object value = lookup(parameters, m.group(2), i);
        if (value instanceof Collection<?> items) {
          for (Object item : items) {
            argv.add(scalar(item, m.group(2), i));
          }
          continue;
        }
      }
      StringBuilder out = new StringBuilder();
      m.reset();
      while (m.find()) {
        String name = m.group(2);
        String replacement =
            switch (m.group(1)) {
              case "param" -> {
                Object value = lookup(parameters, name, i);
                if (value instanceof Collection<?>) {
                  throw new InvalidRunSpecException(
                      "element " + i + ": array parameter " + name + " must be a whole element");
                }
                yield scalar(value, name, i);
              }
              case "input" -> "/in/" + present(inputNames, name, "input", i);
              default -> "/out/" + present(outputNames, name, "output", i);
            };
        m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(out);
      argv.add(out.toString());
    }
    return List.copyOf(argv);
  }

  private static void refuseStrayDollarBrace(String literal, int index) {
    if (literal.contains("${")) {
      throw new InvalidRunSpecException(
          "element " + index + ": unknown or malformed placeholder in '" + literal + "'");
    }
  }

  private static Object lookup(Map<String, ?> parameters, String name, int index) {
    if (parameters == null || !parameters.containsKey(name) || parameters.get(name) == null) {
      throw new InvalidRunSpecException(
          "element " + index + ": parameter " + name + " has no value");
    }
    return parameters.get(name);
  }

  private static String present(Set<String> names, String name, String kind, int index) {
    if (names == null || !names.contains(name)) {
      throw new InvalidRunSpecException(
          "element " + index + ": " + kind + " " + name + " is not declared");
    }
    return name;
  }

  private static String scalar(Object value, String name, int index) {
    String text;
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      text = value.toString();
    } else if (value instanceof BigDecimal d) {
      text = d.toPlainString();
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidRunSpecException(
            "element " + index + ": parameter " + name + " is not a finite number");
      }
      text = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    } else {
      throw new InvalidRunSpecException(
          "element "
              + index
              + ": parameter "
              + name
              + " has an unsupported value type "
              + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    if (text.indexOf('\0') >= 0) {
      throw new InvalidRunSpecException(
          "element " + index + ": parameter " + name + " contains a NUL character");
    }
    return text;
  }
}
