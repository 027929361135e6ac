package org.capenv.audit.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * RFC 9162 &sect;2.1 tree hash, inclusion proofs (&sect;2.1.3.1) and consistency proofs
 * (&sect;2.1.4.1) computed from perfect subtree hashes, so a proof touches O(log n) stored nodes
 * instead of all leaves. Proof nodes are listed bottom-up, as the RFC's recursive definitions
 * produce them.
 */
public final class MerkleTree {
  private MerkleTree() {}

  /** MTH(D[0:size]). */
  public static byte[] root(SubtreeSource source, long size) {
    return size == 0 ? MerkleHash.emptyRoot() : rangeHash(source, 0, size);
  }

  /** MTH(D[lo:hi]) for a subtree of the RFC's shape ({@code hi > lo}). */
  public static byte[] rangeHash(SubtreeSource source, long lo, long hi) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1 && lo % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return source.node(level, lo >>> level);
    }
    long k = MerkleHash.split(n);
    return MerkleHash.nodeHash(rangeHash(source, lo, lo + k), rangeHash(source, lo + k, hi));
  }

  /** PATH(index, D[0:size]). */
  public static List<byte[]> inclusionProof(SubtreeSource source, long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
    }
    List<byte[]> topDown = new ArrayList<>();
    long lo = 0;
    long hi = size;
    while (hi - lo > 1) {
      long k = MerkleHash.split(hi - lo);
      if (index < lo + k) {
        topDown.add(rangeHash(source, lo + k, hi));
        hi = lo + k;
      } else {
        topDown.add(rangeHash(source, lo, lo + k));
        lo += k;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true); empty when {@code m == n} or {@code m == 0}. */
  public static List<byte[]> consistencyProof(SubtreeSource source, long m, long n) {
    if (m < 0 || m > n) {
      throw new IllegalArgumentException("no consistency proof from size " + m + " to " + n);
    }
    List<byte[]> topDown = new ArrayList<>();
    if (m == 0) {
      return topDown;
    }
    long lo = 0;
    long hi = n;
    long mm = m;
    boolean whole = true;
    while (true) {
      long size = hi - lo;
      if (mm == size) {
        if (!whole) {
          topDown.add(rangeHash(source, lo, hi));
        }
        break;
      }
      long k = MerkleHash.split(size);
      if (mm <= k) {
        topDown.add(rangeHash(source, lo + k, hi));
        hi = lo + k;
      } else {
        topDown.add(rangeHash(source, lo, lo + k));
        lo += k;
        mm -= k;
        whole = false;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }
}
