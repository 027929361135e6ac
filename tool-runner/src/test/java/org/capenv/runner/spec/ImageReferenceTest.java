package org.capenv.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  private static final String HEX =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @ParameterizedTest
  @CsvSource({
    "ghcr.io/capenv/miller, ghcr.io/capenv/miller",
    "registry.example.police.uk:5000/tools/yara, registry.example.police.uk:5000/tools/yara",
    "localhost/tools/exif-tool_v2, localhost/tools/exif-tool_v2",
  })
  void acceptsDigestReferences(String repository, String expected) {
    ImageReference image = ImageReference.parse(repository + "@sha256:" + HEX);
    assertThat(image.repository()).isEqualTo(expected);
    assertThat(image.digest()).isEqualTo("sha256:" + HEX);
    assertThat(image).hasToString(repository + "@sha256:" + HEX);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ghcr.io/capenv/miller:6.8 | not pinned by digest",
        "ghcr.io/capenv/miller:latest | not pinned by digest",
        "ghcr.io/capenv/miller:6.8@sha256:" + HEX + " | carries a tag",
        "ghcr.io/capenv/miller | not pinned by digest",
        "miller@sha256:" + HEX + " | registry/repository",
        "ghcr.io/capenv/miller@sha256:ABC | must be sha256",
        "ghcr.io/capenv/miller@sha512:" + HEX + " | must be sha256",
        "ghcr.io/capenv/miller@sha256:" + HEX + "00 | must be sha256",
        "GHCR.io/Capenv/miller@sha256:" + HEX + " | registry/repository",
      })
  void refusesTagsAndMalformedDigests(String reference, String message) {
    assertThatThrownBy(() -> ImageReference.parse(reference))
        .isInstanceOf(InvalidRunSpecException.class)
        .hasMessageContaining(message);
  }
}
