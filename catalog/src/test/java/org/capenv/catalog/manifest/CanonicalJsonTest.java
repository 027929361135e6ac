package org.capenv.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          {"b": 1, "a": [true, null, "x"]}          | {"a":[true,null,"x"],"b":1}
          {"a": 1.0}                                | {"a":1}
          {"a": 1.50}                               | {"a":1.5}
          {"a": -0.0}                               | {"a":0}
          {"a": 100}                                | {"a":100}
          {"a": 1e3}                                | {"a":1000}
          {"a": 1e25}                               | {"a":1E+25}
          {"a": 0.000001}                           | {"a":0.000001}
          {"\\u00e9": "tab\\there", "e": "\\u0001"} | {"e":"\\u0001","é":"tab\\there"}
          {"q": "say \\"hi\\" \\\\ /"}              | {"q":"say \\"hi\\" \\\\ /"}
          """)
  void canonicalForm(String input, String expected) throws Exception {
    String canonical =
        new String(CanonicalJson.encode(Manifests.JSON.readTree(input)), StandardCharsets.UTF_8);
    assertThat(canonical).isEqualTo(expected);
  }

  @Test
  void aNumberReadAsAnInfinityIsFoundByItsPointer() throws Exception {
    JsonNode doc =
        Manifests.JSON.readTree("{\"a\": [1, 2.5e300], \"b/~c\": [0, {\"d\": -1e999999}]}");
    assertThat(CanonicalJson.firstNonFinite(doc)).contains("/b~1~0c/1/d");
    assertThatThrownBy(() -> CanonicalJson.encode(doc))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CanonicalJson.firstNonFinite(Manifests.JSON.readTree("{\"a\": [1e308, -0.0]}")))
        .isEmpty();
  }

  @Test
  void keysSortByUtf16CodeUnitsNotCodePoints() throws Exception {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFF by code units (as RFC
    // 8785 requires) although it comes after it by code point
    JsonNode doc = Manifests.JSON.readTree("{\"\\uffff\": 2, \"\\ud83d\\ude00\": 1}");
    assertThat(new String(CanonicalJson.encode(doc), StandardCharsets.UTF_8))
        .isEqualTo("{\"\ud83d\ude00\":1,\"\uffff\":2}");
  }

  @Test
  void yamlLayoutCommentsAndKeyOrderDoNotChangeTheDigest() throws Exception {
    ManifestParser parser = new ManifestParser();
    String yaml = Manifests.goodYaml();
    String reordered =
        "# a comment\n"
            + Manifests.JSON
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(
                    Manifests.JSON.readTree(Manifests.JSON.writeValueAsString(Manifests.good())));
    assertThat(parser.parse(reordered).digest()).isEqualTo(parser.parse(yaml).digest());
  }

  @Test
  void anyChangeChangesTheDigest() throws Exception {
    ManifestParser parser = new ManifestParser();
    String before = parser.parse(Manifests.goodYaml()).digest();
    String after =
        parser.parse(Manifests.with("/transparency/purpose", "\"Test purpose!\"")).digest();
    assertThat(after).isNotEqualTo(before).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void digestIsSha256OfTheCanonicalBytes() throws Exception {
    JsonNode doc = Manifests.JSON.readTree("{\"b\":2,\"a\":1}");
    // sha256 of the 13 bytes {"a":1,"b":2}, computed independently with sha256sum
    assertThat(CanonicalJson.sha256(doc))
        .isEqualTo("sha256:43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777");
  }

  @Test
  void binaryNodesHaveNoCanonicalForm() {
    JsonNode binary = Manifests.JSON.getNodeFactory().binaryNode(new byte[] {1});
    assertThatThrownBy(() -> CanonicalJson.encode(binary))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
