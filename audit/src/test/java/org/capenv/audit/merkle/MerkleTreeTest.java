package org.capenv.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MerkleTreeTest {

  /** The classic RFC 6962 test leaves (certificate-transparency reference tests). */
  private static final String[] CT_LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };

  static List<byte[]> leaves(int n) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(MerkleHash.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  static Stream<Integer> sizes() {
    return Stream.concat(
        IntStream.rangeClosed(0, 40).boxed(),
        Stream.of(63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1000));
  }

  @Test
  void emptyTreeIsSha256OfNothing() {
    assertThat(Hex.of(MerkleTree.root((l, i) -> null, 0)))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @ParameterizedTest
  @CsvSource({
    "1, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "2, fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "3, aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "4, d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "5, 4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "6, 76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "7, ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "8, 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  })
  void rootsMatchTheRfc6962ReferenceVectors(int size, String root) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      leaves.add(MerkleHash.leafHash(Hex.parse(CT_LEAVES[i])));
    }
    assertThat(Hex.of(MerkleTree.root(NaiveMerkle.source(leaves), size))).isEqualTo(root);
    assertThat(Hex.of(NaiveMerkle.mth(leaves))).isEqualTo(root);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void rootFrontierAndProofsAgreeWithTheNaiveDefinitions(int n) throws ProofException {
    List<byte[]> leaves = leaves(n);
    SubtreeSource source = NaiveMerkle.source(leaves);
    byte[] root = NaiveMerkle.mth(leaves);
    assertThat(MerkleTree.root(source, n)).isEqualTo(root);

    Frontier f = Frontier.empty();
    for (int i = 0; i < n; i++) {
      List<byte[]> completed = f.append(leaves.get(i));
      assertThat(completed).hasSize(Long.numberOfTrailingZeros(i + 1L));
      for (int level = 1; level <= completed.size(); level++) {
        long index = (i + 1L) / (1L << level) - 1;
        assertThat(completed.get(level - 1)).isEqualTo(source.node(level, index));
      }
    }
    assertThat(f.root()).isEqualTo(root);
    assertThat(Frontier.load(n, source).root()).isEqualTo(root);

    int step = n > 130 ? n / 37 : 1;
    for (int m = 0; m < n; m += step) {
      List<byte[]> proof = MerkleTree.inclusionProof(source, m, n);
      assertThat(proof).containsExactlyElementsOf(NaiveMerkle.path(m, leaves));
      ProofVerifier.verifyInclusion(m, n, leaves.get(m), proof, root);
    }
    for (int m = 0; m <= n; m += step) {
      List<byte[]> proof = MerkleTree.consistencyProof(source, m, n);
      byte[] oldRoot = NaiveMerkle.mth(leaves.subList(0, m));
      if (m > 0) {
        assertThat(proof).containsExactlyElementsOf(NaiveMerkle.proof(m, leaves));
      }
      ProofVerifier.verifyConsistency(m, n, proof, oldRoot, root);
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 1", "3, 7", "4, 8", "5, 6", "0, 16", "15, 16", "6, 13", "12, 13", "31, 100"})
  void everyCorruptionOfAnInclusionProofIsRejected(int m, int n) throws ProofException {
    List<byte[]> leaves = leaves(n);
    SubtreeSource source = NaiveMerkle.source(leaves);
    byte[] root = NaiveMerkle.mth(leaves);
    List<byte[]> proof = MerkleTree.inclusionProof(source, m, n);
    ProofVerifier.verifyInclusion(m, n, leaves.get(m), proof, root);

    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> bad = new ArrayList<>(proof);
      byte[] flipped = proof.get(i).clone();
      flipped[i % 32] ^= 1;
      bad.set(i, flipped);
      assertRejected(() -> ProofVerifier.verifyInclusion(m, n, leaves.get(m), bad, root));
      List<byte[]> shortHash = new ArrayList<>(proof);
      shortHash.set(i, new byte[31]);
      assertRejected(() -> ProofVerifier.verifyInclusion(m, n, leaves.get(m), shortHash, root));
    }
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(root);
    assertRejected(() -> ProofVerifier.verifyInclusion(m, n, leaves.get(m), longer, root));
    if (!proof.isEmpty()) {
      List<byte[]> shorter = proof.subList(0, proof.size() - 1);
      assertRejected(() -> ProofVerifier.verifyInclusion(m, n, leaves.get(m), shorter, root));
    }
    if (n > 1) {
      int other = (m + 1) % n;
      assertRejected(() -> ProofVerifier.verifyInclusion(other, n, leaves.get(m), proof, root));
      assertRejected(() -> ProofVerifier.verifyInclusion(m, n, leaves.get(other), proof, root));
    }
    assertRejected(() -> ProofVerifier.verifyInclusion(n, n, leaves.get(m), proof, root));
    assertRejected(() -> ProofVerifier.verifyInclusion(-1, n, leaves.get(m), proof, root));
    // the proof does not bind the size by itself (the signed checkpoint does): a larger tree's
    // real root must not verify with it
    byte[] grownRoot = NaiveMerkle.mth(leaves(n + 1));
    assertRejected(() -> ProofVerifier.verifyInclusion(m, n + 1, leaves.get(m), proof, grownRoot));
  }

  @ParameterizedTest
  @CsvSource({"1, 2", "3, 7", "4, 8", "5, 6", "1, 16", "15, 16", "6, 13", "12, 13", "31, 100"})
  void everyCorruptionOfAConsistencyProofIsRejected(int m, int n) throws ProofException {
    List<byte[]> leaves = leaves(n);
    SubtreeSource source = NaiveMerkle.source(leaves);
    byte[] root = NaiveMerkle.mth(leaves);
    byte[] oldRoot = NaiveMerkle.mth(leaves.subList(0, m));
    List<byte[]> proof = MerkleTree.consistencyProof(source, m, n);
    ProofVerifier.verifyConsistency(m, n, proof, oldRoot, root);

    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> bad = new ArrayList<>(proof);
      byte[] flipped = proof.get(i).clone();
      flipped[31] ^= (byte) 0x80;
      bad.set(i, flipped);
      assertRejected(() -> ProofVerifier.verifyConsistency(m, n, bad, oldRoot, root));
    }
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(root);
    assertRejected(() -> ProofVerifier.verifyConsistency(m, n, longer, oldRoot, root));
    assertRejected(
        () ->
            ProofVerifier.verifyConsistency(
                m, n, proof.subList(0, proof.size() - 1), oldRoot, root));
    assertRejected(() -> ProofVerifier.verifyConsistency(m, n, List.of(), oldRoot, root));
    assertRejected(() -> ProofVerifier.verifyConsistency(m, n, proof, root, root));
    assertRejected(() -> ProofVerifier.verifyConsistency(m, n, proof, oldRoot, oldRoot));
    assertRejected(() -> ProofVerifier.verifyConsistency(n, m, proof, root, oldRoot));
    byte[] grownRoot = NaiveMerkle.mth(leaves(n + 1));
    assertRejected(() -> ProofVerifier.verifyConsistency(m, n + 1, proof, oldRoot, grownRoot));
  }

  @Test
  void sameSizeConsistencyNeedsEqualRootsAndNoHashes() {
    List<byte[]> leaves = leaves(5);
    byte[] root = NaiveMerkle.mth(leaves);
    assertRejected(() -> ProofVerifier.verifyConsistency(5, 5, List.of(root), root, root));
    assertRejected(
        () -> ProofVerifier.verifyConsistency(5, 5, List.of(), root, MerkleHash.emptyRoot()));
  }

  @Test
  void mismatchMessagesGiveExpectedAndActualInHexAndTheIndex() {
    List<byte[]> leaves = leaves(6);
    byte[] root = NaiveMerkle.mth(leaves);
    List<byte[]> proof = MerkleTree.inclusionProof(NaiveMerkle.source(leaves), 2, 6);
    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(2, 6, leaves.get(3), proof, root))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("leaf 2")
        .hasMessageContaining("expected root " + Hex.of(root));
  }

  private static void assertRejected(ThrowingCall call) {
    assertThatThrownBy(call::run).isInstanceOf(ProofException.class);
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws ProofException;
  }
}
