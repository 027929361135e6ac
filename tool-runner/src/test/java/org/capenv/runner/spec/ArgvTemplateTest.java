package org.capenv.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgvTemplateTest {
  private static final Map<String, Object> PARAMS =
      Map.of(
          "fields",
          "a,b",
          "hostile",
          "x; rm -rf / $(id) `id` 'q' \"dq\" *",
          "count",
          3,
          "ratio",
          0.25,
          "big",
          new BigDecimal("1E+3"),
          "flag",
          true,
          "tags",
          List.of("one", "two words", 7),
          "none",
          List.of());
  private static final Set<String> INPUTS = Set.of("data.csv");
  private static final Set<String> OUTPUTS = Set.of("report");

  static Stream<Arguments> expansions() {
    return Stream.of(
        Arguments.of(List.of("mlr", "--icsv"), List.of("mlr", "--icsv")),
        Arguments.of(List.of("-f", "${param.fields}"), List.of("-f", "a,b")),
        Arguments.of(List.of("${param.hostile}"), List.of("x; rm -rf / $(id) `id` 'q' \"dq\" *")),
        Arguments.of(List.of("--n=${param.count}"), List.of("--n=3")),
        Arguments.of(List.of("${param.ratio}", "${param.big}"), List.of("0.25", "1000")),
        Arguments.of(List.of("${param.flag}"), List.of("true")),
        Arguments.of(List.of("${param.tags}"), List.of("one", "two words", "7")),
        Arguments.of(List.of("a", "${param.none}", "b"), List.of("a", "b")),
        Arguments.of(List.of("${input.data.csv}"), List.of("/in/data.csv")),
        Arguments.of(
            List.of("--from=${input.data.csv}", "-o", "${output.report}"),
            List.of("--from=/in/data.csv", "-o", "/out/report")),
        Arguments.of(List.of("${param.count}x${param.flag}"), List.of("3xtrue")),
        Arguments.of(List.of("$HOME", "a$b", "$(id)"), List.of("$HOME", "a$b", "$(id)")));
  }

  @ParameterizedTest
  @MethodSource("expansions")
  void expands(List<String> template, List<String> expected) {
    assertThat(ArgvTemplate.parse(template).expand(PARAMS, INPUTS, OUTPUTS)).isEqualTo(expected);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(List.of("${env.HOME}"), "unknown or malformed placeholder"),
        Arguments.of(List.of("${param}"), "unknown or malformed placeholder"),
        Arguments.of(List.of("${param.a b}"), "unknown or malformed placeholder"),
        Arguments.of(List.of("${param.fields"), "unknown or malformed placeholder"),
        Arguments.of(List.of("${param.missing}"), "parameter missing has no value"),
        Arguments.of(List.of("--tags=${param.tags}"), "must be a whole element"),
        Arguments.of(List.of("${input.other}"), "input other is not declared"),
        Arguments.of(List.of("${output.other}"), "output other is not declared"),
        Arguments.of(List.of("${input.../etc}"), "malformed placeholder"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refuses(List<String> template, String message) {
    assertThatThrownBy(() -> ArgvTemplate.parse(template).expand(PARAMS, INPUTS, OUTPUTS))
        .isInstanceOf(InvalidRunSpecException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesUnsupportedValues() {
    Map<String, Object> params = new HashMap<>();
    params.put("nested", List.of(List.of("a")));
    params.put("map", Map.of("k", "v"));
    params.put("nan", Double.NaN);
    params.put("nul", "a\0b");
    params.put("nullItem", Arrays.asList("a", null));
    for (String name : params.keySet()) {
      assertThatThrownBy(
              () ->
                  ArgvTemplate.parse(List.of("${param." + name + "}"))
                      .expand(params, INPUTS, OUTPUTS))
          .as(name)
          .isInstanceOf(InvalidRunSpecException.class);
    }
  }

  @Test
  void reportsTheNamesItUses() {
    ArgvTemplate template =
        ArgvTemplate.parse(List.of("tool", "${param.a}", "${param.b}=${input.x}", "${output.y}"));
    assertThat(template.parameterNames()).containsExactlyInAnyOrder("a", "b");
    assertThat(template.inputNames()).containsExactly("x");
    assertThat(template.outputNames()).containsExactly("y");
  }

  @Test
  void refusesEmptyTemplates() {
    assertThatThrownBy(() -> ArgvTemplate.parse(List.of()))
        .isInstanceOf(InvalidRunSpecException.class);
    assertThatThrownBy(() -> ArgvTemplate.parse(Arrays.asList("a", null)))
        .isInstanceOf(InvalidRunSpecException.class);
  }
}
