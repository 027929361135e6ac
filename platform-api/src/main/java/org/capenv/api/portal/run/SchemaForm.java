package org.capenv.api.portal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a run form, generated from a tool version's parameter JSON Schema: each property of
 * the (flat) object schema becomes one field, labelled by its {@code title} (else its name), with
 * its {@code description} as help text. The schema stays the only authority: values are sent
 * through the same validation as the REST API, and this class only turns text into JSON types.
 */
public final class SchemaForm {
  /** The kinds of control a property is shown as. */
  public enum Kind {
    TEXT,
    INTEGER,
    NUMBER,
    BOOLEAN,
    RADIOS,
    SELECT
  }

  /** Enumerations up to this size are radios, larger ones a select. */
  static final int MAX_RADIOS = 5;

  /** One option of an enumeration. */
  public record Option(String value, String label, boolean selected) {}

  /**
   * One form field.
   *
   * @param name the property name, also the form field's name after the {@code param.} prefix
   * @param value the current value as text (the user's, else the schema's default)
   */
  public record Field(
      String name,
      String label,
      String hint,
      Kind kind,
      boolean required,
      String pattern,
      String value,
      List<Option> options,
      String error) {

    /** The HTML id of the control. */
    public String id() {
      return "param-" + name;
    }
  }

  private SchemaForm() {}

  /** The fields for a schema, filled with the given values (or defaults) and errors. */
  public static List<Field> fields(
      JsonNode schema, Map<String, String> values, Map<String, String> errors) {
    List<Field> fields = new ArrayList<>();
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    schema
        .path("properties")
        .properties()
        .forEach(
            p -> {
              String name = p.getKey();
              JsonNode property = p.getValue();
              JsonNode dflt = property.get("default");
              String value =
                  values.containsKey(name)
                      ? values.get(name)
                      : dflt == null || dflt.isNull() ? "" : dflt.asText();
              Kind kind = kind(property);
              List<Option> options = new ArrayList<>();
              if (kind == Kind.BOOLEAN) {
                options.add(new Option("true", "Yes", value.equals("true")));
                options.add(new Option("false", "No", value.equals("false")));
              }
              property
                  .path("enum")
                  .forEach(
                      e ->
                          options.add(
                              new Option(e.asText(), e.asText(), e.asText().equals(value))));
              fields.add(
                  new Field(
                      name,
                      property.hasNonNull("title") ? property.get("title").asText() : label(name),
                      property.path("description").asText(""),
                      kind,
                      required.contains(name),
                      kind == Kind.TEXT ? property.path("pattern").asText("") : "",
                      value,
                      options,
                      errors.get(name)));
            });
    return fields;
  }

  /**
   * The parameters object from the submitted text: a blank field is left out (the schema's default
   * then applies); text that is not a number where one is expected is reported in {@code errors}.
   */
  public static ObjectNode parameters(
      JsonNode schema, Map<String, String> values, Map<String, String> errors) {
    ObjectNode parameters = JsonNodeFactory.instance.objectNode();
    schema
        .path("properties")
        .properties()
        .forEach(
            p -> {
              String text = values.get(p.getKey());
              if (text == null || text.isBlank()) {
                return;
              }
              String type = type(p.getValue());
              try {
                switch (type) {
                  case "integer" -> parameters.put(p.getKey(), number(text).toBigIntegerExact());
                  case "number" -> parameters.put(p.getKey(), number(text));
                  case "boolean" -> parameters.put(p.getKey(), Boolean.parseBoolean(text));
                  default -> parameters.put(p.getKey(), text);
                }
              } catch (OutOfRange e) {
                errors.put(p.getKey(), e.getMessage());
              } catch (ArithmeticException | NumberFormatException e) {
                errors.put(
                    p.getKey(), type.equals("integer") ? "Enter a whole number" : "Enter a number");
              }
            });
    return parameters;
  }

  /** The longest number text taken: parsing grows with it, and no parameter needs more. */
  static final int MAX_NUMBER_CHARS = 64;

  /** The largest magnitude taken, within a double's range (about 1.8e308). */
  private static final BigDecimal LARGEST = new BigDecimal("1e308");

  /** The smallest magnitude but zero taken, about a double's smallest (4.9e-324). */
  private static final BigDecimal SMALLEST = new BigDecimal("1e-324");

  /** Text that is a number, but one the form does not take; its message is shown to the user. */
  private static final class OutOfRange extends NumberFormatException {
    OutOfRange(String message) {
      super(message);
    }
  }

  /**
   * A typed number, within a double's range: nothing later grows with its exponent (an integer's
   * digits, or the plain form a tool's argument takes). Without the bound, "1e99999999" in an
   * integer field took minutes of CPU to expand.
   */
  static BigDecimal number(String text) {
    String t = text.strip();
    if (t.length() > MAX_NUMBER_CHARS) {
      throw new OutOfRange("Enter at most " + MAX_NUMBER_CHARS + " characters");
    }
    BigDecimal v = new BigDecimal(t);
    BigDecimal magnitude = v.abs();
    // compareTo decides on the exponents first when they differ: nothing is expanded here
    if (magnitude.compareTo(LARGEST) > 0) {
      throw new OutOfRange("Enter a number between -1e308 and 1e308");
    }
    if (v.signum() != 0 && magnitude.compareTo(SMALLEST) < 0) {
      throw new OutOfRange("Enter a number with fewer decimal places");
    }
    return v;
  }

  static Kind kind(JsonNode property) {
    int options = property.path("enum").size();
    if (options > 0) {
      return options <= MAX_RADIOS ? Kind.RADIOS : Kind.SELECT;
    }
    return switch (type(property)) {
      case "integer" -> Kind.INTEGER;
      case "number" -> Kind.NUMBER;
      case "boolean" -> Kind.BOOLEAN;
      default -> Kind.TEXT;
    };
  }

  private static String type(JsonNode property) {
    return property.path("type").asText("string");
  }

  /** {@code group_by} reads "Group by". */
  static String label(String name) {
    String words = name.replace('_', ' ').replace('-', ' ').strip();
    return words.isEmpty()
        ? name
        : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}
