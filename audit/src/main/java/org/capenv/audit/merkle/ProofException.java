package org.capenv.audit.merkle;

/**
 * A Merkle proof, a checkpoint signature or a log did not verify. The message says what was
 * expected and what was found (hashes in hex) and the index or sequence number concerned.
 */
public class ProofException extends Exception {
  public ProofException(String message) {
    super(message);
  }

  public ProofException(String message, Throwable cause) {
    super(message, cause);
  }
}
