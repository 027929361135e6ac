package org.capenv.api.tool.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
}
