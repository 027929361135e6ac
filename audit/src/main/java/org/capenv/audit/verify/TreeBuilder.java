package org.capenv.audit.verify;

import java.security.DigestException;
import java.security.MessageDigest;
import org.capenv.audit.merkle.Frontier;
import org.capenv.audit.merkle.MerkleHash;

/**
 * The verifier's right edge of the tree: the same computation as {@link Frontier}, with the hashes
 * kept in one array so that appending a million leaves allocates nothing. Not thread-safe.
 */
final class TreeBuilder {
  private static final int SIZE = MerkleHash.SIZE;

  /** The perfect subtrees of the tree so far, one per set bit of {@code size}, largest first. */
  private final byte[] stack = new byte[64 * SIZE];

  /** Hashes of the subtrees the last append completed, levels 1, 2, ... (as the store keeps). */
  private final byte[] completed = new byte[64 * SIZE];

  private final MessageDigest md = MerkleHash.newDigest();

  /** {@code 0x01 || left || right} of the node being hashed. */
  private final byte[] nodeBytes = nodeBytes();

  private int completedCount;
  private long size;

  long size() {
    return size;
  }

  /** Adds the leaf hash {@code leaves[offset, offset + 32)} as leaf {@code size()}. */
  void append(byte[] leaves, int offset) {
    int top = Long.bitCount(size);
    System.arraycopy(leaves, offset, stack, top * SIZE, SIZE);
    // one merge per trailing one bit of the old size, as in Frontier.append
    int merges = Long.numberOfTrailingZeros(~size);
    for (int k = 0; k < merges; k++) {
      node(stack, (top - 1) * SIZE, stack, top * SIZE, stack, (top - 1) * SIZE);
      top--;
      System.arraycopy(stack, top * SIZE, completed, k * SIZE, SIZE);
    }
    completedCount = merges;
    size++;
  }

  /** True if the subtrees completed by the last append are exactly {@code stored}. */
  boolean completedEquals(byte[] stored) {
    return MessageDigest.isEqual(completed(), stored);
  }

  /** The subtrees completed by the last append, concatenated. */
  byte[] completed() {
    byte[] out = new byte[completedCount * SIZE];
    System.arraycopy(completed, 0, out, 0, out.length);
    return out;
  }

  /** MTH of the tree so far. */
  byte[] root() {
    int count = Long.bitCount(size);
    if (count == 0) {
      return MerkleHash.emptyRoot();
    }
    byte[] r = new byte[SIZE];
    System.arraycopy(stack, (count - 1) * SIZE, r, 0, SIZE);
    for (int i = count - 2; i >= 0; i--) {
      node(stack, i * SIZE, r, 0, r, 0);
    }
    return r;
  }

  private static byte[] nodeBytes() {
    byte[] b = new byte[1 + 2 * SIZE];
    b[0] = 0x01;
    return b;
  }

  /**
   * {@code out[o, o + 32) = SHA-256(0x01 || left || right)}; the output may alias an input. The
   * node's bytes are gathered first and hashed in one update: one call instead of three per node.
   */
  private void node(byte[] l, int lo, byte[] r, int ro, byte[] out, int o) {
    System.arraycopy(l, lo, nodeBytes, 1, SIZE);
    System.arraycopy(r, ro, nodeBytes, 1 + SIZE, SIZE);
    md.update(nodeBytes, 0, nodeBytes.length);
    try {
      md.digest(out, o, SIZE);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest of 32 bytes did not fit 32 bytes", e);
    }
  }
}
