package org.capenv.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestDirectoryTest {

  private final ManifestParser parser = new ManifestParser();

  @Test
  void loadsTheShippedCatalogueInFileOrder() throws Exception {
    List<ToolManifest> all = ManifestDirectory.load(Path.of("manifests"), parser);
    assertThat(all)
        .extracting(ToolManifest::name)
        .containsExactly(
            "exiftool-image-metadata",
            "hashdeep-hashset-match",
            "miller-cdr-stats",
            "yara-indicator-scan");
  }

  @Test
  void oneBadFileFailsTheWholeLoadAndIsNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a-good.yaml"), Manifests.goodYaml());
    Files.writeString(
        dir.resolve("b-bad.yaml"), Manifests.with("/image", "\"r.example/x:latest\""));
    Files.writeString(dir.resolve("notes.txt"), "not a manifest, ignored");
    ManifestValidationException e =
        catchThrowableOfType(
            ManifestValidationException.class, () -> ManifestDirectory.load(dir, parser));
    assertThat(e.getMessage()).startsWith("manifest b-bad.yaml is invalid: /image:");
  }

  @Test
  void twoFilesForOneVersionAreRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("one.yaml"), Manifests.goodYaml());
    Files.writeString(dir.resolve("two.json"), Manifests.JSON.writeValueAsString(Manifests.good()));
    ManifestValidationException e =
        catchThrowableOfType(
            ManifestValidationException.class, () -> ManifestDirectory.load(dir, parser));
    assertThat(e.violations().get(0).rule()).isEqualTo("version-unique");
    assertThat(e.getMessage()).contains("jq-filter@2.1.0-rc.1 is also defined by one.yaml");
  }
}
