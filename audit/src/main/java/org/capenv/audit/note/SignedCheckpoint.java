package org.capenv.audit.note;

import org.capenv.audit.merkle.ProofException;

/**
 * A checkpoint and the signed note that carries it.
 *
 * @param checkpoint the parsed body
 * @param note the full signed note text, exactly as signed and stored
 */
public record SignedCheckpoint(Checkpoint checkpoint, String note) {

  /** Verifies the note's signature with {@code verifier} and parses the checkpoint it carries. */
  public static SignedCheckpoint verify(String note, NoteVerifier verifier) throws ProofException {
    String text = verifier.verify(note);
    try {
      return new SignedCheckpoint(Checkpoint.parse(text), note);
    } catch (IllegalArgumentException e) {
      throw new ProofException("checkpoint: " + e.getMessage(), e);
    }
  }

  /** Signs {@code checkpoint}. */
  public static SignedCheckpoint sign(Checkpoint checkpoint, NoteSigner signer) {
    return new SignedCheckpoint(checkpoint, signer.sign(checkpoint.toText()));
  }
}
