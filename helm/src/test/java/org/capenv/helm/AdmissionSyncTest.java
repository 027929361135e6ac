package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Helm cannot read files outside the chart, so the chart keeps a copy of policies/admission/ in
 * files/admission/. The two must be byte-identical, in both directions: no file missing, none
 * stale.
 */
class AdmissionSyncTest {

  private static final Path CHART_COPY = Chart.DIR.resolve("files/admission");
  private static final Path SOURCE = Path.of("../policies/admission").toAbsolutePath().normalize();

  @Test
  void chartCopyIsByteIdenticalToPoliciesAdmission() throws IOException {
    assumeTrue(
        Files.isDirectory(SOURCE), "policies/admission does not exist yet: nothing to compare");
    List<String> chartFiles = yamlNames(CHART_COPY);
    List<String> sourceFiles = yamlNames(SOURCE);

    assertThat(chartFiles).as("YAML files of %s", CHART_COPY).isNotEmpty();
    assertThat(chartFiles).as("same file names as policies/admission").isEqualTo(sourceFiles);
    for (String name : chartFiles) {
      byte[] copy = Files.readAllBytes(CHART_COPY.resolve(name));
      byte[] source = Files.readAllBytes(SOURCE.resolve(name));
      assertThat(Arrays.equals(copy, source))
          .as(
              "files/admission/%s differs from policies/admission/%s (copy it into the chart): %s",
              name, name, firstDifference(source, copy))
          .isTrue();
    }
  }

  /** The first differing line, numbered from 1, as expected (policies) vs actual (chart copy). */
  private static String firstDifference(byte[] expected, byte[] actual) {
    List<String> want = new String(expected, StandardCharsets.UTF_8).lines().toList();
    List<String> got = new String(actual, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
      String w = i < want.size() ? want.get(i) : "<end of file>";
      String g = i < got.size() ? got.get(i) : "<end of file>";
      if (!w.equals(g)) {
        return "line " + (i + 1) + ": expected [" + w + "] but was [" + g + "]";
      }
    }
    return "same lines, different bytes (line endings or final newline)";
  }

  private static List<String> yamlNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
          .sorted()
          .toList();
    }
  }
}
