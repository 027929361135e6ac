package org.capenv.runner.spec;

/**
 * Byte limits applied while a run is captured.
 *
 * @param logMaxBytes bytes kept per log stream (stdout, stderr); the rest is counted and dropped
 * @param outputMaxBytes total bytes of all outputs together; each file also has its own limit
 */
public record Limits(long logMaxBytes, long outputMaxBytes) {
  public Limits {
    if (logMaxBytes <= 0 || outputMaxBytes <= 0) {
      throw new InvalidRunSpecException("log and output limits must be positive");
    }
  }
}
