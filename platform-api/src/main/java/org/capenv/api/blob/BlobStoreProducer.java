package org.capenv.api.blob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.capenv.api.config.PlatformConfig;

/** The blob store: a folder under {@code capenv.state-dir}. */
@ApplicationScoped
public class BlobStoreProducer {
  @Produces
  @ApplicationScoped
  BlobStore blobStore(PlatformConfig config) {
    try {
      return new LocalBlobStore(config.stateDir().resolve("blobs"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the blob folder under capenv.state-dir", e);
    }
  }
}
