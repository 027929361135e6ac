package org.capenv.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bytes that are not one well-formed, reasonably sized YAML document are refused up front. */
class YamlLevelTest {

  static Stream<Arguments> cases() {
    String good = Manifests.goodYaml();
    String laughs =
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    return Stream.of(
        Arguments.of("empty", "", "yaml", "empty"),
        Arguments.of("not YAML", "name: [unclosed\n", "yaml", "not well-formed YAML at line"),
        Arguments.of(
            "duplicate key", good + "name: other-tool\n", "yaml", "Duplicate field 'name'"),
        Arguments.of("two documents", good + "---\nname: second\n", "yaml", "more than one"),
        Arguments.of("alias bomb", laughs, "yaml", "anchor or alias at line 1"),
        Arguments.of(
            "alias in a manifest",
            good.replace("name: \"jq-filter\"", "name: &n \"jq-filter\"")
                .replace("summary:", "alias: *n\nsummary:"),
            "yaml",
            "anchor or alias at line"),
        Arguments.of(
            "too large",
            good + "#" + "x".repeat(ManifestParser.MAX_MANIFEST_BYTES) + "\n",
            "size",
            "the limit is"),
        Arguments.of("a list, not a mapping", "- a\n- b\n", "type", ""),
        // read as an infinity, which has no JSON form: it could not be hashed into the digest
        Arguments.of(
            "a number beyond a double's range",
            replaced(good, "maximum: 7", "maximum: 1e999999"),
            "number-range",
            "beyond the range of a double"));
  }

  private static String replaced(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refused(String name, String text, String rule, String message) {
    ManifestValidationException e =
        catchThrowableOfType(
            ManifestValidationException.class,
            () -> new ManifestParser().parse(text.getBytes(StandardCharsets.UTF_8)));
    assertThat(e).as(name).isNotNull();
    assertThat(e.violations())
        .anySatisfy(
            v -> {
              assertThat(v.rule()).isEqualTo(rule);
              assertThat(v.message()).contains(message);
            });
  }
}
