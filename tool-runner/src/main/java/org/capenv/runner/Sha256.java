package org.capenv.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streaming SHA-256 helpers shared by the backends. */
public final class Sha256 {
  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }

  /**
   * Copies {@code in} to {@code out}, stopping with an exception past {@code maxBytes}.
   *
   * @return the hex digest and byte count of what was copied
   */
  public static Hashed copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw new IOException("more than " + maxBytes + " bytes");
      }
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
    }
    return new Hashed(HexFormat.of().formatHex(digest.digest()), total);
  }

  /** Hex digest and size of a stream. */
  public static Hashed of(InputStream in) throws IOException {
    return copy(in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
  }

  /** A lowercase hex SHA-256 with the number of bytes hashed. */
  public record Hashed(String hex, long size) {}
}
