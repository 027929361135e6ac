package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The operator guide shows the very values file the chart is tested with. */
class DocsExampleTest {

  private static final Path GUIDE = Path.of("../docs/deploy-helm.md").toAbsolutePath().normalize();

  @Test
  void guideShowsTheTestedProductionValuesVerbatim() throws IOException {
    String guide = Files.readString(GUIDE);
    String values = Files.readString(Chart.productionValues());

    assertThat(guide)
        .as("docs/deploy-helm.md must contain values-production.yaml in a yaml block")
        .contains("```yaml\n" + values + "```\n");
  }
}
