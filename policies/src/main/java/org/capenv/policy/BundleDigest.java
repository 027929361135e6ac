package org.capenv.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The digest that identifies a policy bundle in every decision.
 *
 * <p>Canonical form: one line per policy file, sorted by relative path (byte order of the UTF-8
 * path), each line {@code <lower-case hex SHA-256 of the file's bytes><two spaces><relative
 * path>\n} — exactly the output of {@code sha256sum} — and the bundle digest is {@code sha256:}
 * followed by the hex SHA-256 of those lines. An auditor reproduces it with {@code (cd
 * policies/access && LC_ALL=C ls *.yaml | xargs sha256sum) | sha256sum}. File bytes are taken as
 * they are (no newline or whitespace normalisation): the digest names exactly the bytes in force.
 */
final class BundleDigest {
  private BundleDigest() {}

  /**
   * @param files relative path to file bytes; the map's order must be the byte order of the paths
   */
  static String of(SortedMap<String, byte[]> files) {
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      lines.append(hex(sha256(e.getValue()))).append("  ").append(e.getKey()).append('\n');
    }
    return "sha256:" + hex(sha256(lines.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
