package org.capenv.api.tool.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.capenv.api.tool.persistence.ToolVersionRepository;
import org.capenv.catalog.manifest.ManifestParser;
import org.capenv.catalog.manifest.ManifestValidationException;
import org.capenv.catalog.manifest.ToolManifest;

/**
 * Parses stored manifests once per digest. A stored manifest passed validation when it was
 * submitted, and its text never changes after (the database refuses), so the parsed form can be
 * kept for the life of the process.
 */
@ApplicationScoped
public class ManifestCache {
  @Inject ToolVersionRepository versions;

  private final ManifestParser parser = new ManifestParser();
  private final Map<String, ToolManifest> byDigest = new ConcurrentHashMap<>();

  /** Validates a manifest text as submitted by a steward. */
  public ToolManifest validate(String text) throws ManifestValidationException {
    return parser.parse(text);
  }

  /** The parsed form of a stored manifest. */
  public ToolManifest stored(String digest, String text) {
    return byDigest.computeIfAbsent(
        digest,
        d -> {
          try {
            return parser.parse(text);
          } catch (ManifestValidationException e) {
            throw new IllegalStateException(
                "stored manifest " + d + " no longer validates: " + e.violations(), e);
          }
        });
  }

  /**
   * The stored manifest of {@code name@version} if it has this digest: a run's manifest, by the
   * digest it was accepted under. Its text is read from the database only when no manifest with
   * this digest was parsed before (the digest names the text, which never changes); needs a
   * transaction then.
   */
  public Optional<ToolManifest> stored(String name, String version, String digest) {
    ToolManifest parsed = byDigest.get(digest);
    if (parsed != null) {
      return Optional.of(parsed);
    }
    return versions
        .find(name, version)
        .filter(v -> v.manifestDigest.equals(digest))
        .map(v -> stored(v.manifestDigest, v.manifest));
  }
}
