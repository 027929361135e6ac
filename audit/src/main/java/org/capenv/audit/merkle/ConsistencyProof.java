package org.capenv.audit.merkle;

import java.util.List;

/**
 * RFC 9162 consistency proof that the tree of {@code oldSize} leaves is a prefix of the tree of
 * {@code newSize} leaves.
 */
public record ConsistencyProof(long oldSize, long newSize, List<byte[]> hashes) {
  public ConsistencyProof {
    hashes = List.copyOf(hashes);
  }

  public void verify(byte[] oldRoot, byte[] newRoot) throws ProofException {
    ProofVerifier.verifyConsistency(oldSize, newSize, hashes, oldRoot, newRoot);
  }
}
