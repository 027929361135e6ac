package org.capenv.audit.merkle;

import java.security.MessageDigest;
import java.util.List;

/** Verifiers for RFC 9162 &sect;2.1.3.2 inclusion and &sect;2.1.4.2 consistency proofs. */
public final class ProofVerifier {
  private ProofVerifier() {}

  /**
   * Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose
   * root is {@code root}.
   */
  public static void verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofException {
    if (index < 0 || index >= size) {
      throw new ProofException("inclusion: leaf index " + index + " not below tree size " + size);
    }
    requireHash(leafHash, "leaf hash");
    requireHash(root, "root");
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (int i = 0; i < proof.size(); i++) {
      byte[] p = requireHash(proof.get(i), "proof[" + i + "]");
      if (sn == 0) {
        throw new ProofException(
            "inclusion: proof for leaf "
                + index
                + " in size "
                + size
                + " has "
                + proof.size()
                + " hashes, more than the "
                + i
                + " expected");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHash.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(
          "inclusion: proof for leaf "
              + index
              + " in size "
              + size
              + " is too short ("
              + proof.size()
              + " hashes)");
    }
    if (!MessageDigest.isEqual(r, root)) {
      throw new ProofException(
          "inclusion: leaf "
              + index
              + " in size "
              + size
              + ": expected root "
              + Hex.of(root)
              + ", computed "
              + Hex.of(r));
    }
  }

  /**
   * Checks that the tree of {@code m} leaves with root {@code oldRoot} is a prefix of the tree of
   * {@code n} leaves with root {@code newRoot}.
   */
  public static void verifyConsistency(
      long m, long n, List<byte[]> proof, byte[] oldRoot, byte[] newRoot) throws ProofException {
    requireHash(oldRoot, "old root");
    requireHash(newRoot, "new root");
    if (m < 0 || m > n) {
      throw new ProofException("consistency: size " + m + " is not a prefix size of " + n);
    }
    if (m == 0 || m == n) {
      if (!proof.isEmpty()) {
        throw new ProofException(
            "consistency: proof from " + m + " to " + n + " must be empty, has " + proof.size());
      }
      byte[] expected = m == 0 ? MerkleHash.emptyRoot() : newRoot;
      if (!MessageDigest.isEqual(oldRoot, expected)) {
        throw new ProofException(
            "consistency: size "
                + m
                + ": expected root "
                + Hex.of(expected)
                + ", got "
                + Hex.of(oldRoot));
      }
      return;
    }
    if (proof.isEmpty()) {
      throw new ProofException("consistency: empty proof from " + m + " to " + n);
    }
    for (int i = 0; i < proof.size(); i++) {
      requireHash(proof.get(i), "proof[" + i + "]");
    }
    boolean power = Long.bitCount(m) == 1;
    int start = power ? -1 : 0;
    long fn = m - 1;
    long sn = n - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] first = power ? oldRoot : proof.get(0);
    byte[] fr = first;
    byte[] sr = first;
    for (int i = start + 1; i < proof.size(); i++) {
      byte[] c = proof.get(i);
      if (sn == 0) {
        throw new ProofException(
            "consistency: proof from " + m + " to " + n + " has an extra hash at index " + i);
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.nodeHash(c, fr);
        sr = MerkleHash.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = MerkleHash.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(
          "consistency: proof from " + m + " to " + n + " is too short (" + proof.size() + ")");
    }
    if (!MessageDigest.isEqual(fr, oldRoot)) {
      throw new ProofException(
          "consistency: from "
              + m
              + " to "
              + n
              + ": expected old root "
              + Hex.of(oldRoot)
              + ", computed "
              + Hex.of(fr));
    }
    if (!MessageDigest.isEqual(sr, newRoot)) {
      throw new ProofException(
          "consistency: from "
              + m
              + " to "
              + n
              + ": expected new root "
              + Hex.of(newRoot)
              + ", computed "
              + Hex.of(sr));
    }
  }

  private static byte[] requireHash(byte[] h, String what) throws ProofException {
    if (h == null || h.length != MerkleHash.SIZE) {
      throw new ProofException(
          what
              + ": expected "
              + MerkleHash.SIZE
              + " bytes, got "
              + (h == null ? "none" : h.length + " bytes"));
    }
    return h;
  }
}
