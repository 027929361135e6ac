package org.capenv.audit.merkle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans which stored subtree nodes a computation reads, so the store can fetch them all in one
 * query: the computation is run once against a recording source, then again against the fetched
 * nodes.
 */
public final class NodeKeys {
  private static final byte[] PLACEHOLDER = new byte[MerkleHash.SIZE];

  private NodeKeys() {}

  /** The {@code (level, index)} keys that {@code computation} asks its source for. */
  public static Set<List<Long>> of(Function<SubtreeSource, ?> computation) {
    Set<List<Long>> keys = new LinkedHashSet<>();
    computation.apply(
        (level, index) -> {
          keys.add(List.of((long) level, index));
          return PLACEHOLDER;
        });
    return keys;
  }

  /** The sequence number of the leaf whose row stores node {@code (level, index)}. */
  public static long rowOf(int level, long index) {
    return ((index + 1) << level) - 1;
  }
}
