package org.capenv.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 &sect;2.1.1 hashing with SHA-256: leaf {@code H(0x00 || entry)}, interior node {@code
 * H(0x01 || left || right)}, empty tree {@code H("")}. The domain-separation prefixes make a leaf
 * impossible to pass off as a node and the other way round.
 */
public final class MerkleHash {
  /** Hash length in bytes. */
  public static final int SIZE = 32;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(MerkleHash::newDigest);
  private static final byte[] EMPTY_ROOT = newDigest().digest();

  private MerkleHash() {}

  /** A fresh SHA-256 digest (the JDK always provides it). */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Root of the empty tree, {@code SHA-256("")}. */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  public static byte[] leafHash(byte[] entry) {
    return leafHash(entry, 0, entry.length);
  }

  public static byte[] leafHash(byte[] entry, int from, int to) {
    MessageDigest md = SHA256.get();
    md.update((byte) 0x00);
    md.update(entry, from, to - from);
    return md.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = SHA256.get();
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** Largest power of two strictly smaller than {@code n} ({@code n >= 2}): the RFC's split k. */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }
}
