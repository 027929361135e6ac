package org.capenv.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.capenv.audit.merkle.Frontier;
import org.capenv.audit.merkle.MerkleHash;
import org.junit.jupiter.api.Test;

class TreeBuilderTest {

  @Test
  void completesTheSameSubtreesAndRootsAsFrontierAtEverySize() {
    Frontier frontier = Frontier.empty();
    TreeBuilder tree = new TreeBuilder();
    assertThat(tree.root()).isEqualTo(frontier.root());
    for (int i = 0; i < 1100; i++) {
      byte[] leaf = MerkleHash.leafHash(new byte[] {(byte) i, (byte) (i >> 8)});
      byte[] padded = new byte[3 * MerkleHash.SIZE];
      System.arraycopy(leaf, 0, padded, MerkleHash.SIZE, MerkleHash.SIZE);
      List<byte[]> completed = frontier.append(leaf);
      tree.append(padded, MerkleHash.SIZE);
      assertThat(tree.completed()).isEqualTo(concat(completed));
      assertThat(tree.completedEquals(concat(completed))).isTrue();
      assertThat(tree.size()).isEqualTo(frontier.size());
      assertThat(tree.root()).as("root of %d leaves", i + 1).isEqualTo(frontier.root());
    }
  }

  private static byte[] concat(List<byte[]> hashes) {
    byte[] out = new byte[hashes.size() * MerkleHash.SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i), 0, out, i * MerkleHash.SIZE, MerkleHash.SIZE);
    }
    return out;
  }
}
