package org.capenv.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/** RFC 9162 &sect;2.1 definitions transcribed literally (recursive, over all leaves). */
final class NaiveMerkle {
  private NaiveMerkle() {}

  static byte[] mth(List<byte[]> leaves) {
    int n = leaves.size();
    if (n == 0) {
      return MerkleHash.emptyRoot();
    }
    if (n == 1) {
      return leaves.get(0);
    }
    int k = Integer.highestOneBit(n - 1);
    return MerkleHash.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)));
  }

  static List<byte[]> path(int m, List<byte[]> leaves) {
    int n = leaves.size();
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(m, leaves.subList(0, k)));
      out.add(mth(leaves.subList(k, n)));
    } else {
      out.addAll(path(m - k, leaves.subList(k, n)));
      out.add(mth(leaves.subList(0, k)));
    }
    return out;
  }

  static List<byte[]> proof(int m, List<byte[]> leaves) {
    return subproof(m, leaves, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> leaves, boolean b) {
    int n = leaves.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(leaves));
      }
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      out.addAll(subproof(m, leaves.subList(0, k), b));
      out.add(mth(leaves.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, leaves.subList(k, n), false));
      out.add(mth(leaves.subList(0, k)));
    }
    return out;
  }

  /** Perfect-subtree source over an in-memory leaf list, computed the slow way. */
  static SubtreeSource source(List<byte[]> leaves) {
    return (level, index) -> {
      int lo = (int) (index << level);
      return mth(leaves.subList(lo, lo + (1 << level)));
    };
  }
}
