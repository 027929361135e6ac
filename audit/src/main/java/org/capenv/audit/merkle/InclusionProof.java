package org.capenv.audit.merkle;

import java.util.List;

/**
 * RFC 9162 inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves.
 *
 * @param index leaf index (the entry's sequence number)
 * @param treeSize size of the tree the proof is for
 * @param leafHash the leaf hash being proven
 * @param hashes proof nodes, bottom-up
 */
public record InclusionProof(long index, long treeSize, byte[] leafHash, List<byte[]> hashes) {
  public InclusionProof {
    hashes = List.copyOf(hashes);
  }

  /** Verifies against the root of a (signed) checkpoint of {@code treeSize}. */
  public void verify(byte[] root) throws ProofException {
    ProofVerifier.verifyInclusion(index, treeSize, leafHash, hashes, root);
  }
}
