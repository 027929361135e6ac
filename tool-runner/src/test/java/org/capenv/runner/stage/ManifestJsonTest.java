package org.capenv.runner.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The termination-message manifest format, and the JSON the stager reads from the platform. */
class ManifestJsonTest {
  private static final String A = "0123456789abcdef".repeat(4);
  private static final String B = "fedcba9876543210".repeat(4);

  @Test
  void theManifestIsAnArrayOfNameHashAndSizeInOrder() {
    String json =
        OutputManifestEntry.json(
            List.of(
                new OutputManifestEntry("matches.json", A, 0),
                new OutputManifestEntry("summary", B, 1048576)));
    assertThat(json)
        .isEqualTo(
            "[{\"name\":\"matches.json\",\"sha256\":\""
                + A
                + "\",\"size\":0},{\"name\":\"summary\",\"sha256\":\""
                + B
                + "\",\"size\":1048576}]");
    assertThat(Json.parse(json))
        .isEqualTo(
            List.of(
                Map.of("name", "matches.json", "sha256", A, "size", BigDecimal.ZERO),
                Map.of("name", "summary", "sha256", B, "size", new BigDecimal(1048576))));
  }

  @Test
  void noOutputsIsAnEmptyArray() {
    assertThat(OutputManifestEntry.json(List.of())).isEqualTo("[]");
  }

  @Test
  void stringsAreEscaped() {
    assertThat(Json.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\u000a\\u0001\"");
    assertThat(Json.parse(Json.quote("a\"b\\c\n\u0001"))).isEqualTo("a\"b\\c\n\u0001");
  }

  @Test
  void theUploadReceiptAndAProblemAreRead() {
    assertThat(Json.parse("{\"name\":\"summary\",\"sha256\":\"" + A + "\",\"size\":3}"))
        .isEqualTo(Map.of("name", "summary", "sha256", A, "size", new BigDecimal(3)));
    Object problem =
        Json.parse(
            " {\"type\":\"https://capenv.org/problems/staging-token-used\",\"status\":403,"
                + "\"title\":\"Token used\",\"errors\":[{\"field\":null,\"ok\":true}],"
                + "\"x\":-1.5e3,\"s\":\"\\u00e9\\/\"} ");
    assertThat(problem).isInstanceOf(Map.class);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", null);
    error.put("ok", true);
    assertThat(((Map<?, ?>) problem).get("errors")).isEqualTo(List.of(error));
    assertThat(((Map<?, ?>) problem).get("status")).isEqualTo(new BigDecimal(403));
    assertThat(((Map<?, ?>) problem).get("x")).isEqualTo(new BigDecimal("-1.5e3"));
    assertThat(((Map<?, ?>) problem).get("s")).isEqualTo("é/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\":1,}",
        "{\"a\":1}x",
        "{\"a\":1,\"a\":2}",
        "[1 2]",
        "01",
        "\"\u0001\"",
        "\"\\x\"",
        "tru",
        "{a:1}",
      })
  void malformedJsonIsRefused(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deepNestingIsRefusedRatherThanExhaustingTheStack() {
    assertThatThrownBy(() -> Json.parse("[".repeat(10_000) + "]".repeat(10_000)))
        .hasMessageContaining("nested too deep");
  }
}
