package org.capenv.api.portal.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The run form's text becomes JSON values; a number it cannot take is an error on its field. */
class SchemaFormTest {
  private static final JsonNode SCHEMA = schema();

  private static JsonNode schema() {
    try {
      return new ObjectMapper()
          .readTree(
              "{\"type\":\"object\",\"properties\":{"
                  + "\"count\":{\"type\":\"integer\"},"
                  + "\"ratio\":{\"type\":\"number\"},"
                  + "\"label\":{\"type\":\"string\"}}}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> errors;

  private static ObjectNode parse(String field, String text) {
    errors = new HashMap<>();
    return SchemaForm.parameters(SCHEMA, Map.of(field, text), errors);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          count | 12            | 12
          count | 1e3           | 1000
          count | -7            | -7
          count | 1e308         | 1E+308
          ratio | 2.5e-3        | 0.0025
          ratio | -1e308        | -1E+308
          ratio | 4.9e-324      | 4.9E-324
          """)
  void aNumberInRangeIsTaken(String field, String text, String value) {
    ObjectNode parameters = parse(field, text);
    assertThat(errors).isEmpty();
    assertThat(new BigDecimal(parameters.get(field).asText()))
        .isEqualByComparingTo(new BigDecimal(value));
  }

  @Test
  void anIntegerIsAnIntegerNode() {
    assertThat(parse("count", "1e3").get("count").bigIntegerValue())
        .isEqualTo(BigInteger.valueOf(1000));
    assertThat(parse("count", "1e3").get("count").isIntegralNumber()).isTrue();
  }

  /**
   * Out of range or too long: refused before any expansion. Without the bound, "1e99999999" as an
   * integer took minutes of CPU; the timeout only guards against that hang coming back.
   */
  @ParameterizedTest(name = "{0} {1}")
  @Timeout(10)
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          count | 1e99999999    | Enter a number between -1e308 and 1e308
          count | 1e999999999   | Enter a number between -1e308 and 1e308
          count | 1e-99999999   | Enter a number with fewer decimal places
          ratio | 1e309         | Enter a number between -1e308 and 1e308
          ratio | 9e308         | Enter a number between -1e308 and 1e308
          count | 1.1e308       | Enter a number between -1e308 and 1e308
          ratio | -1e2147483647 | Enter a number between -1e308 and 1e308
          ratio | 1e-2147483647 | Enter a number with fewer decimal places
          ratio | 1e-325        | Enter a number with fewer decimal places
          count | 1.5           | Enter a whole number
          count | twelve        | Enter a whole number
          ratio | 1,5           | Enter a number
          """)
  void aNumberTheFormCannotTakeIsAnErrorOnItsField(String field, String text, String message) {
    ObjectNode parameters = parse(field, text);
    assertThat(parameters.has(field)).isFalse();
    assertThat(errors).containsEntry(field, message);
  }

  @Test
  void aNumberOfMoreThan64CharactersIsRefused() {
    parse("ratio", "1." + "5".repeat(63));
    assertThat(errors).containsEntry("ratio", "Enter at most 64 characters");
    parse("ratio", "1." + "5".repeat(62));
    assertThat(errors).isEmpty();
  }

  @Test
  void textIsTakenAsItIs() {
    assertThat(parse("label", "1e99999999").get("label").textValue()).isEqualTo("1e99999999");
  }
}
