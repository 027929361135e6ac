package org.capenv.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example and the error messages in docs/tool-manifest.md are what the code does. */
class DocumentedExampleTest {

  private static final Path DOC = Path.of("..", "docs", "tool-manifest.md");

  private static String doc() throws IOException {
    return Files.readString(DOC);
  }

  private static String firstYamlBlock() throws IOException {
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc());
    assertThat(m.find()).as("a yaml block in %s", DOC).isTrue();
    return m.group(1);
  }

  @Test
  void documentedExampleIsValid() throws Exception {
    ToolManifest m = new ManifestParser().parse(firstYamlBlock());
    assertThat(m.coordinates()).isEqualTo("jq-select@1.0.0");
    assertThat(new RunParameters().resolve(m, Manifests.JSON.readTree("{\"value\":\"CELL-A12\"}")))
        .hasToString("{\"value\":\"CELL-A12\",\"field\":\"cell_id\"}");
  }

  @Test
  void documentedImageErrorIsTheRealOne() throws Exception {
    String example = firstYamlBlock();
    String tagged = example.replaceFirst("image: .*\\n", "image: registry.example/tools/jq:1.6\n");
    ManifestValidationException e =
        catchThrowableOfType(
            ManifestValidationException.class, () -> new ManifestParser().parse(tagged));
    assertThat(doc()).contains(e.violations().get(0).toString());
  }
}
