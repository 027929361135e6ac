package org.capenv.runner.kubernetes;

/**
 * Issues the two single-use, run-scoped bearer tokens of a run's staging containers. Implemented by
 * the platform, which stores only their hashes, accepts the fetch token once for this run's inputs
 * and the upload token once for this run's declared outputs, and expires both with the run's
 * deadline. The tool container never receives either token.
 */
@FunctionalInterface
public interface StagingTokenIssuer {
  StagingTokens issue(String runId);

  /** A token to fetch the run's inputs and one to upload its outputs. */
  record StagingTokens(String fetchToken, String uploadToken) {
    public StagingTokens {
      if (fetchToken == null || uploadToken == null || fetchToken.equals(uploadToken)) {
        throw new IllegalArgumentException("two distinct tokens are required");
      }
    }

    @Override
    public String toString() {
      return "StagingTokens[redacted]";
    }
  }
}
