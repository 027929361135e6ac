package org.capenv.api.blob;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Uploads of input files. */
@ConfigMapping(prefix = "capenv.blobs")
public interface BlobConfig {
  /**
   * Largest accepted upload. Uploads are streamed to disk and counted, never held in memory; the
   * server-wide {@code quarkus.http.limits.max-body-size} must be larger than this.
   */
  @WithDefault("256M")
  MemorySize maxSize();
}
