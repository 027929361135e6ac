package org.capenv.audit.merkle;

/**
 * Hashes of perfect, aligned subtrees: node {@code (level, index)} is the Merkle tree hash of
 * leaves {@code [index * 2^level, (index + 1) * 2^level)}; level 0 is the leaf hashes. Once the log
 * has that many leaves such a node never changes, which is why the store can keep them and answer
 * any proof with O(log n) of them.
 */
@FunctionalInterface
public interface SubtreeSource {
  byte[] node(int level, long index);
}
