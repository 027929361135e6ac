package org.capenv.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a tree: the perfect subtrees that make up a tree of {@code size} leaves, one
 * per set bit of the size, largest first. Appending a leaf merges equal-sized subtrees and reports
 * the nodes that became complete, which the store keeps with that leaf's row.
 */
public final class Frontier {
  private final List<byte[]> hashes = new ArrayList<>();
  private final List<Integer> levels = new ArrayList<>();
  private long size;

  private Frontier() {}

  /** An empty tree. */
  public static Frontier empty() {
    return new Frontier();
  }

  /** The keys {@code (level, index)} of the subtrees that make up a tree of {@code size}. */
  public static List<long[]> keys(long size) {
    List<long[]> keys = new ArrayList<>();
    long start = 0;
    for (int level = 62; level >= 0; level--) {
      long width = 1L << level;
      if ((size & width) != 0) {
        keys.add(new long[] {level, start >>> level});
        start += width;
      }
    }
    return keys;
  }

  /** Loads the frontier of a tree of {@code size} from stored subtree hashes. */
  public static Frontier load(long size, SubtreeSource source) {
    Frontier f = new Frontier();
    for (long[] key : keys(size)) {
      f.levels.add((int) key[0]);
      f.hashes.add(source.node((int) key[0], key[1]));
    }
    f.size = size;
    return f;
  }

  public long size() {
    return size;
  }

  /**
   * Adds leaf {@code size()} and returns the hashes of the subtrees it completed, for levels 1, 2,
   * ... up to the number of trailing one bits of its index (empty for an even index).
   */
  public List<byte[]> append(byte[] leafHash) {
    List<byte[]> completed = new ArrayList<>();
    byte[] h = leafHash;
    int level = 0;
    while (!levels.isEmpty() && levels.get(levels.size() - 1) == level) {
      byte[] left = hashes.remove(hashes.size() - 1);
      levels.remove(levels.size() - 1);
      h = MerkleHash.nodeHash(left, h);
      level++;
      completed.add(h);
    }
    hashes.add(h);
    levels.add(level);
    size++;
    return completed;
  }

  /** MTH of the tree so far. */
  public byte[] root() {
    if (hashes.isEmpty()) {
      return MerkleHash.emptyRoot();
    }
    byte[] r = hashes.get(hashes.size() - 1);
    for (int i = hashes.size() - 2; i >= 0; i--) {
      r = MerkleHash.nodeHash(hashes.get(i), r);
    }
    return r;
  }

  /** A copy that can be advanced without changing this one. */
  public Frontier copy() {
    Frontier f = new Frontier();
    f.hashes.addAll(hashes);
    f.levels.addAll(levels);
    f.size = size;
    return f;
  }
}
