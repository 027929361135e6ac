package org.capenv.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of bad manifest is refused with the field (JSON pointer) and the rule it broke. */
class ManifestValidationTest {

  private final ManifestParser parser = new ManifestParser();

  @Test
  void goodManifestParsesIntoTheModel() throws Exception {
    ToolManifest m = parser.parse(Manifests.goodYaml());
    assertThat(m.coordinates()).isEqualTo("jq-filter@2.1.0-rc.1");
    assertThat(m.source().commit()).contains("0123456789abcdef0123456789abcdef01234567");
    assertThat(m.source().pkg().orElseThrow().name()).isEqualTo("jq");
    assertThat(m.command().successExitCodes()).containsExactlyInAnyOrder(0, 5);
    assertThat(m.inputs())
        .extracting(ToolManifest.Input::name)
        .containsExactly("filter", "document");
    assertThat(m.output("log").orElseThrow().from()).isEqualTo(ToolManifest.OutputSource.STDOUT);
    assertThat(m.output("result").orElseThrow().from()).isEqualTo(ToolManifest.OutputSource.FILE);
    assertThat(m.resources().memoryBytes()).isEqualTo(128L * 1024 * 1024);
    assertThat(m.access().maxClassification()).isEqualTo(DataClassification.OFFICIAL);
    assertThat(m.access().minVetting()).isEqualTo(VettingLevel.NPPV1);
    assertThat(m.access().allowsForce("norfolk")).isTrue();
    assertThat(m.access().allowsForce("essex")).isFalse();
    assertThat(m.transparency().ethicsPanelReference()).isEqualTo("ETH-1");
  }

  @Test
  void forcesAllAllowsEveryForce() throws Exception {
    ToolManifest m = parser.parse(Manifests.with("/access/forces", "\"all\""));
    assertThat(m.access().allForces()).isTrue();
    assertThat(m.access().allowsForce("any-force")).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # case                      | pointer to change         | new JSON value (empty: remove) | expected pointer              | rule                  | message contains
          missing name                | /name                      |                                | /name                          | required              | missing
          unknown field               | /colour                    | "blue"                         | /colour                        | additionalProperties  | not a known field
          bad name                    | /name                      | "Jq_Filter"                    | /name                          | pattern               | ''
          version not semver          | /version                   | "1.2"                          | /version                       | pattern               | ''
          version with build metadata | /version                   | "1.2.3+b1"                     | /version                       | pattern               | ''
          version as a number         | /version                   | 1.2                            | /version                       | type                  | ''
          wrong manifestVersion       | /manifestVersion           | "capenv.tool/v9"               | /manifestVersion               | const                 | ''
          image by tag                | /image                     | "registry.example/tools/jq:1.6" | /image                        | image-digest          | a tag is refused
          image by tag and digest     | /image                     | "registry.example/tools/jq:1.6@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" | /image | image-digest | a tag is refused
          image without digest        | /image                     | "registry.example/tools/jq"    | /image                         | image-digest          | not pinned by digest
          image short digest          | /image                     | "registry.example/tools/jq@sha256:abc" | /image                 | image-digest          | malformed
          image without registry      | /image                     | "jq@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" | /image | image-digest | names no registry
          licence not SPDX-like       | /licence                   | "GPL v2 or later"              | /licence                       | pattern               | ''
          source not https            | /source/repository         | "http://github.com/jqlang/jq"  | /source/repository             | pattern               | ''
          source unpinned             | /source                    | {"repository": "https://github.com/jqlang/jq", "release": "1.6"} | /source | source-pinned | needs a commit
          commit not hex              | /source/commit             | "main"                         | /source/commit                 | pattern               | ''
          no maintainers              | /maintainers               | []                             | /maintainers                   | minItems              | ''
          classification unknown      | /access/maxClassification  | "TOP-SECRET"                   | /access/maxClassification      | enum                  | ''
          vetting unknown             | /access/minVetting         | "SC"                           | /access/minVetting             | enum                  | ''
          no roles                    | /access/roles              | []                             | /access/roles                  | minItems              | ''
          forces neither all nor list | /access/forces             | "some"                         | /access/forces                 | oneOf                 | ''
          transparency incomplete     | /transparency/dpiaReference |                               | /transparency/dpiaReference    | required              | missing
          transparency blank          | /transparency/purpose      | "   "                          | /transparency/purpose          | pattern               | ''
          resources too small         | /resources/memoryMiB       | 1                              | /resources/memoryMiB           | minimum               | ''
          timeout too long            | /resources/timeoutSeconds  | 100000                         | /resources/timeoutSeconds      | maximum               | ''
          input bad media type        | /inputs/0/mediaTypes/0     | "text"                         | /inputs/0/mediaTypes/0         | pattern               | ''
          input without max size      | /inputs/0/maxBytes         |                                | /inputs/0/maxBytes             | required              | missing
          output bad from             | /outputs/0/from            | "stderr"                       | /outputs/0/from                | enum                  | ''
          exit code out of range      | /command/successExitCodes/0 | 256                           | /command/successExitCodes/0    | maximum               | ''
          empty argv                  | /command/local             | []                             | /command/local                 | minItems              | ''
          duplicate input name        | /inputs/1/name             | "filter"                       | /inputs/1/name                 | name-unique           | declared twice
          two stdout outputs          | /outputs/0/from            | "stdout"                       | /outputs/1/from                | stdout-once           | only one output
          placeholder unknown param   | /command/container/2       | "${param.nope}"                | /command/container/2           | placeholder-unknown   | no declared parameter 'nope'
          placeholder unknown input   | /command/container/5       | "${input.nope}"                | /command/container/5           | placeholder-unknown   | no declared input
          placeholder unknown output  | /command/local/9           | "${output.nope}"               | /command/local/9               | placeholder-unknown   | no declared output
          placeholder stdout output   | /command/local/9           | "${output.log}"                | /command/local/9               | placeholder-stdout-output | standard output
          placeholder malformed       | /command/container/2       | "${param.indent"               | /command/container/2           | placeholder-syntax    | malformed placeholder
          placeholder bad namespace   | /command/container/2       | "${env.HOME}"                  | /command/container/2           | placeholder-syntax    | malformed placeholder
          optional param, no default  | /command/container/2       | "--label=${param.label}"       | /command/container/2           | placeholder-optional  | optional parameter without a default
          array param embedded        | /command/container/3       | "--flags=${param.flags}"       | /command/container/3           | placeholder-array-embedded | whole argv element
          program is a placeholder    | /command/container/0       | "${param.indent}"              | /command/container/0           | program-literal       | must be a literal
          local program relative      | /command/local/0           | "jq"                           | /command/local/0               | program-absolute      | absolute path
          parameters not a schema     | /parameters/type           | "text"                         | /parameters/type               | enum                  | ''
          parameters not an object    | /parameters/type           | "array"                        | /parameters/type               | parameters-object     | must be
          parameters open             | /parameters/additionalProperties | true                     | /parameters/additionalProperties | parameters-closed   | must be false
          parameters required unknown | /parameters/required/1     | "ghost"                        | /parameters/required           | parameters-required-declared | 'ghost'
          parameter object type       | /parameters/properties/indent/type | "object"             | /parameters/properties/indent/type | parameter-type    | must be one of
          parameter type list         | /parameters/properties/indent/type | ["integer","null"]   | /parameters/properties/indent/type | parameter-type    | must be one of
          parameter name bad          | /parameters/properties/Bad  | {"type": "integer"}          | /parameters/properties/Bad     | parameter-name        | must match
          string param unconstrained  | /parameters/properties/label | {"type": "string"}          | /parameters/properties/label   | parameter-constrained | needs enum, const or an anchored pattern
          pattern not anchored        | /parameters/properties/label/pattern | "[a-z]+"           | /parameters/properties/label/pattern | parameter-constrained | anchored
          array param unbounded       | /parameters/properties/flags/maxItems |                   | /parameters/properties/flags/maxItems | parameter-bounded | maxItems
          default breaks own schema   | /parameters/properties/flags/default | ["-x"]             | /parameters/properties/flags/default/0 | enum          | ''
          remote $ref                 | /parameters/properties/label | {"$ref": "https://evil.example/s.json"} | /parameters/properties/label/$ref | parameters-no-ref | not allowed in parameters
          local $ref                  | /parameters/properties/label | {"type": "string", "$ref": "#/$defs/x", "default": "a"} | /parameters/properties/label/$ref | parameters-no-ref | write each schema out in full
          $id in parameters           | /parameters/$id            | "https://evil.example/"        | /parameters/$id                | parameters-no-ref     | not allowed
          """)
  void badManifestIsRefusedWithFieldAndRule(
      String name,
      String pointer,
      String json,
      String expectedPointer,
      String rule,
      String message) {
    String yaml = Manifests.with(pointer, json);
    ManifestValidationException e =
        catchThrowableOfType(ManifestValidationException.class, () -> parser.parse(yaml));
    assertThat(e).as("%s must be refused", name).isNotNull();
    assertThat(e.violations())
        .as("violations of %s", name)
        .anySatisfy(
            v -> {
              assertThat(v.pointer()).isEqualTo(expectedPointer);
              assertThat(v.rule()).isEqualTo(rule);
              assertThat(v.message()).contains(message == null ? "" : message);
            });
  }
}
