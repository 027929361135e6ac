package org.capenv.api.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The request body limit of JSON bodies. */
@ConfigMapping(prefix = "capenv.http")
public interface BodyLimitsConfig {
  /**
   * Largest JSON request body (any endpoint but the upload endpoints: {@code POST /api/blobs},
   * bounded by {@code capenv.blobs.max-size}, and the staging API, bounded by each grant). Such a
   * body must declare its length; a longer one is a 413 before it is read.
   */
  @WithDefault("1M")
  MemorySize maxBodySize();
}
