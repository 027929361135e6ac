package org.capenv.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest shipped in catalog/manifests is valid, and the published schema is the one used.
 */
class ShippedManifestsTest {

  private static final Path MANIFESTS = Path.of("manifests");
  private final ManifestParser parser = new ManifestParser();

  static Stream<Path> shipped() throws IOException {
    try (Stream<Path> files = Files.list(MANIFESTS)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).hasSizeGreaterThanOrEqualTo(4);
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void shippedManifestIsValid(Path file) throws Exception {
    ToolManifest m = parser.parse(Files.readAllBytes(file));

    assertThat(file.getFileName().toString()).isEqualTo(m.name() + ".yaml");
    assertThat(m.digest()).matches("sha256:[0-9a-f]{64}");
    assertThat(m.image()).contains("@sha256:");
    assertThat(m.command().local().get(0)).startsWith("/usr/bin/");
    assertThat(Files.isExecutable(Path.of(m.command().local().get(0))))
        .as("the local program of %s is installed on this machine", m.coordinates())
        .isTrue();
    assertThat(m.source().pkg()).isPresent();
    // the defaults alone must make a valid run: the shipped tools work with no parameters given
    assertThat(new RunParameters().resolve(m, null)).isNotNull();
  }

  @Test
  void shippedToolsAreTheFourOfTheCatalogue() throws Exception {
    List<String> names =
        shipped()
            .map(
                p -> {
                  try {
                    return parser.parse(Files.readAllBytes(p)).name();
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                })
            .toList();
    assertThat(names)
        .contains(
            "miller-cdr-stats",
            "exiftool-image-metadata",
            "yara-indicator-scan",
            "hashdeep-hashset-match");
  }

  @Test
  void publishedSchemaInDocsIsTheBundledOne() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "tool-manifest.schema.json"));
    assertThat(docs).isEqualTo(ManifestParser.schemaJson());
    assertThat(ManifestParser.schemaJson().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
  }
}
