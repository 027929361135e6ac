package org.capenv.audit.verify;

import java.util.Optional;

/**
 * Outcome of verifying a log.
 *
 * @param entries entries read
 * @param checkpointsVerified signed checkpoints (stored ones and the trusted one) whose signature
 *     verified and whose root the recomputed tree reproduced
 * @param provenSize the largest tree size proven by such a checkpoint: entries below it are exactly
 *     what was signed
 * @param firstBad the first bad sequence number and why, if anything failed
 */
public record VerificationResult(
    long entries, int checkpointsVerified, long provenSize, Optional<Failure> firstBad) {

  /**
   * @param seq first sequence number that is wrong, missing, or (when the stored hashes were
   *     rewritten consistently, so only a checkpoint root differs) the first one not covered by a
   *     matching signed checkpoint
   * @param reason what was expected and what was found
   */
  public record Failure(long seq, String reason) {}

  public boolean ok() {
    return firstBad.isEmpty();
  }

  /** One line for people: OK with the counts, or FAILED naming the sequence number. */
  public String summary() {
    return firstBad
        .map(f -> "FAILED at sequence number " + f.seq() + ": " + f.reason())
        .orElse(
            "OK: "
                + entries
                + " entries, "
                + checkpointsVerified
                + " checkpoints verified, "
                + "proven up to tree size "
                + provenSize);
  }
}
