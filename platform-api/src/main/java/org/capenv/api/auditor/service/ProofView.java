package org.capenv.api.auditor.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * An entry's RFC 9162 inclusion proof against a signed checkpoint, with everything needed to check
 * it independently: the leaf hash, the audit path, the checkpoint as signed and the key to check
 * its signature with.
 *
 * @param seq the entry's sequence number (its leaf index)
 * @param treeSize the size of the checkpoint's tree
 * @param leafHash the entry's leaf hash (hex), recomputed from its canonical bytes
 * @param auditPath the proof's hashes, bottom-up (hex)
 * @param rootHash the checkpoint's root hash (hex)
 * @param checkpoint the signed note of the checkpoint, exactly as signed
 * @param verifierKey the log's verifier key in note-verifier form
 * @param verified whether the platform's own verifier accepted the proof and the signature
 * @param result what the platform's verifier reported
 */
public record ProofView(
    long seq,
    long treeSize,
    String leafHash,
    List<String> auditPath,
    String rootHash,
    String checkpoint,
    String verifierKey,
    boolean verified,
    String result) {

  /** The audit path as comma-separated hex, for the page's script. */
  @JsonIgnore
  public String auditPathJoined() {
    return String.join(",", auditPath);
  }
}
