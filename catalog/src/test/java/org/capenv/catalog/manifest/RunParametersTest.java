package org.capenv.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run's parameters are checked against the manifest's schema, defaults filled in first. */
class RunParametersTest {

  private static ToolManifest manifest;
  private final RunParameters parameters = new RunParameters();

  @BeforeAll
  static void load() throws Exception {
    manifest = new ManifestParser().parse(Manifests.goodYaml());
  }

  @Test
  void defaultsAreAppliedAndSuppliedValuesKept() throws Exception {
    ObjectNode resolved = parameters.resolve(manifest, json("{\"indent\": 2}"));
    assertThat(resolved).isEqualTo(json("{\"indent\": 2, \"flags\": [\"-S\"]}"));
  }

  @Test
  void aSuppliedValueWinsOverTheDefault() throws Exception {
    ObjectNode resolved = parameters.resolve(manifest, json("{\"indent\": 0, \"flags\": []}"));
    assertThat(resolved.get("flags")).isEmpty();
  }

  @Test
  void theCallersObjectIsNotChanged() throws Exception {
    JsonNode supplied = json("{\"indent\": 1}");
    parameters.resolve(manifest, supplied);
    assertThat(supplied).isEqualTo(json("{\"indent\": 1}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # case                 | parameters JSON                          | pointer  | rule
          required missing       | {}                                       | /indent  | required
          nothing at all         | null                                     | /indent  | required
          unknown parameter      | {"indent": 1, "shell": "rm -rf /"}       | /shell   | additionalProperties
          wrong type             | {"indent": "2"}                          | /indent  | type
          below minimum          | {"indent": -1}                           | /indent  | minimum
          above maximum          | {"indent": 8}                            | /indent  | maximum
          not in enum            | {"indent": 1, "flags": ["--from-file"]}  | /flags/0 | enum
          too many items         | {"indent": 1, "flags": ["-S","-c","-r","-S"]} | /flags | maxItems
          pattern broken         | {"indent": 1, "label": "a b"}            | /label   | pattern
          not an object          | [1, 2]                                   | ''       | type
          """)
  void badParametersAreRefused(String name, String supplied, String pointer, String rule)
      throws Exception {
    JsonNode input = "null".equals(supplied) ? null : json(supplied);
    ManifestValidationException e =
        catchThrowableOfType(
            ManifestValidationException.class, () -> parameters.resolve(manifest, input));
    assertThat(e).as(name).isNotNull();
    assertThat(e.violations())
        .anySatisfy(
            v -> {
              assertThat(v.pointer()).isEqualTo(pointer == null ? "" : pointer);
              assertThat(v.rule()).isEqualTo(rule);
            });
    assertThat(e.getMessage()).startsWith("parameters is invalid: ");
  }

  private static ObjectNode objectOf(String text) throws Exception {
    return (ObjectNode) Manifests.JSON.readTree(text);
  }

  private static JsonNode json(String text) throws Exception {
    JsonNode n = Manifests.JSON.readTree(text);
    return n.isObject() ? objectOf(text) : n;
  }
}
