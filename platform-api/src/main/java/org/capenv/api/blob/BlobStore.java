package org.capenv.api.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed storage of input and output files, keyed by the lower-case hex SHA-256 of their
 * bytes. The local implementation keeps them in a folder; a shared object store can implement the
 * same contract for several platform replicas.
 *
 * <p>Invariant: a stored file's bytes always hash to its key. {@link #put} hashes while it streams
 * and never keeps a file whose size exceeds the limit.
 */
public interface BlobStore {

  /**
   * Streams {@code content} into the store, hashing as it goes; never holds the whole file in
   * memory.
   *
   * @param maxBytes the largest accepted size; a longer stream is discarded
   * @throws BlobTooLargeException if the content is longer than {@code maxBytes}
   */
  StoredBlob put(InputStream content, long maxBytes) throws IOException;

  /** Copies a local file into the store; its SHA-256 must equal {@code expectedSha256}. */
  StoredBlob putFile(Path file, String expectedSha256) throws IOException;

  /** Opens the content of a stored blob. */
  InputStream open(String sha256) throws IOException;

  /** Whether a blob with this hash is stored. */
  boolean exists(String sha256);

  /** The file of a blob on this host, for staging it into a local sandbox; empty if remote. */
  Optional<Path> localPath(String sha256);

  /** A stored blob: its hash and size. */
  record StoredBlob(String sha256, long size) {}

  /** The streamed content was longer than the limit; nothing was kept. */
  final class BlobTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public BlobTooLargeException(long maxBytes) {
      super("content is larger than " + maxBytes + " bytes");
    }
  }
}
