package org.capenv.api.tool.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.capenv.api.tool.persistence.ToolVersionEntity;
import org.capenv.api.tool.persistence.ToolVersionRepository;
import org.capenv.catalog.manifest.ToolManifest;
import org.junit.jupiter.api.Test;

/** A run's manifest by the digest it was accepted under: read from the database once. */
class ManifestCacheTest {
  private static final Path MILLER = Path.of("..", "catalog", "manifests", "miller-cdr-stats.yaml");

  /** A repository holding one stored version, counting its reads. */
  private static final class OneVersion extends ToolVersionRepository {
    final List<String> reads = new ArrayList<>();
    final ToolVersionEntity stored = new ToolVersionEntity();

    @Override
    public Optional<ToolVersionEntity> find(String name, String version) {
      reads.add(name + "@" + version);
      return name.equals(stored.name) && version.equals(stored.version)
          ? Optional.of(stored)
          : Optional.empty();
    }
  }

  @Test
  void aRunsManifestIsReadOnceByDigestAndOnlyWithTheDigestItWasAcceptedUnder() throws Exception {
    ManifestCache cache = new ManifestCache();
    OneVersion versions = new OneVersion();
    cache.versions = versions;
    String text = Files.readString(MILLER);
    ToolManifest parsed = cache.validate(text);
    versions.stored.name = parsed.name();
    versions.stored.version = parsed.version();
    versions.stored.manifest = text;
    versions.stored.manifestDigest = parsed.digest();

    assertThat(cache.stored(parsed.name(), parsed.version(), "sha256:" + "0".repeat(64)))
        .as("another digest than the stored one")
        .isEmpty();
    assertThat(cache.stored(parsed.name(), "9.9.9", parsed.digest())).isEmpty();
    assertThat(versions.reads).hasSize(2);

    Optional<ToolManifest> first = cache.stored(parsed.name(), parsed.version(), parsed.digest());
    Optional<ToolManifest> again = cache.stored(parsed.name(), parsed.version(), parsed.digest());
    assertThat(first).hasValueSatisfying(m -> assertThat(m.digest()).isEqualTo(parsed.digest()));
    assertThat(again.orElseThrow()).isSameAs(first.orElseThrow());
    assertThat(versions.reads).as("read once for the digest, then from memory").hasSize(3);
  }
}
