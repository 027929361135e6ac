package org.capenv.api.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link BlobStore} in a local folder: {@code <root>/<first two hex>/<sha256>}, files read-only.
 * Content is streamed to a temporary file in the same folder tree, hashed on the way, then moved
 * into place atomically, so a reader never sees a partial blob.
 */
public final class LocalBlobStore implements BlobStore {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int BUFFER = 64 * 1024;

  private final Path root;
  private final Path tmp;

  public LocalBlobStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.tmp = this.root.resolve(".tmp");
    Files.createDirectories(tmp);
  }

  @Override
  public StoredBlob put(InputStream content, long maxBytes) throws IOException {
    Path part = Files.createTempFile(tmp, "upload-", ".part");
    try {
      MessageDigest digest = sha256();
      long size = 0;
      try (OutputStream out = Files.newOutputStream(part)) {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = content.read(buffer)) >= 0) {
          size += n;
          if (size > maxBytes) {
            throw new BlobTooLargeException(maxBytes);
          }
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
      String hash = HexFormat.of().formatHex(digest.digest());
      place(part, hash);
      return new StoredBlob(hash, size);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  @Override
  public StoredBlob putFile(Path file, String expectedSha256) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      StoredBlob stored = put(in, Long.MAX_VALUE);
      if (!stored.sha256().equals(expectedSha256)) {
        throw new IOException(
            "output hash mismatch: expected " + expectedSha256 + ", actual " + stored.sha256());
      }
      return stored;
    }
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    return Files.newInputStream(path(sha256));
  }

  @Override
  public boolean exists(String sha256) {
    return SHA256.matcher(sha256).matches() && Files.isRegularFile(path(sha256));
  }

  @Override
  public Optional<Path> localPath(String sha256) {
    return exists(sha256) ? Optional.of(path(sha256)) : Optional.empty();
  }

  private void place(Path part, String hash) throws IOException {
    Path target = path(hash);
    if (Files.exists(target) && hashOf(target).equals(hash)) {
      return;
    }
    // absent, or altered on disk: the fresh bytes (which do hash to the key) take its place
    Files.createDirectories(target.getParent());
    Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("r--r--r--"));
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("blob folder does not support atomic moves: " + root, e);
    }
  }

  private static String hashOf(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private Path path(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a SHA-256 in lower-case hex");
    }
    return root.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
