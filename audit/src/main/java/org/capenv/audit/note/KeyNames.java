package org.capenv.audit.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.capenv.audit.merkle.MerkleHash;

/** Key names and key ids as the C2SP signed-note specification defines them. */
final class KeyNames {
  /** Signature type byte of Ed25519 in signed notes. */
  static final byte ALG_ED25519 = 0x01;

  private KeyNames() {}

  /** A key name is non-empty UTF-8 with no Unicode whitespace and no plus sign. */
  static String check(String name) {
    if (name == null || name.isEmpty() || name.contains("+")) {
      throw new IllegalArgumentException("invalid key name: " + name);
    }
    name.codePoints()
        .forEach(
            c -> {
              if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20) {
                throw new IllegalArgumentException("key name contains a space: " + name);
              }
            });
    return name;
  }

  /** {@code SHA-256(name || 0x0A || 0x01 || publicKey)[:4]}. */
  static byte[] keyId(String name, byte[] publicKey) {
    MessageDigest md = MerkleHash.newDigest();
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update((byte) '\n');
    md.update(ALG_ED25519);
    md.update(publicKey);
    return Arrays.copyOf(md.digest(), 4);
  }
}
