package org.capenv.api.blob;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Uploads of input files. */
@ConfigMapping(prefix = "capenv.blobs")
public interface BlobConfig {
  /**
   * Largest accepted upload; also bounded by {@code quarkus.http.limits.max-body-size}, which must
   * be at least as large.
   */
  @WithDefault("10M")
  MemorySize maxSize();
}
