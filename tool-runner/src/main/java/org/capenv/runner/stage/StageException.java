package org.capenv.runner.stage;

/**
 * Why {@code capenv-stage} stopped, with the exit code the container ends with. The codes follow
 * {@code sysexits.h} so that an operator reading a pod's status can tell the kinds apart; a message
 * never contains a token.
 */
public final class StageException extends Exception {
  /** Bad arguments: the Job and the stager disagree on the contract. */
  public static final int USAGE = 64;

  /** Data refused: a hash or size mismatch, an undeclared, oversized or non-regular file. */
  public static final int DATA = 65;

  /** A defect in the stager itself. */
  public static final int INTERNAL = 70;

  /** The staging API could not be reached or failed (network, TLS, 5xx). */
  public static final int UNAVAILABLE = 69;

  /** A local file could not be read or written. */
  public static final int IO = 74;

  /** The staging API refused the request (401, 403, 404, 413...). */
  public static final int REFUSED = 77;

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  StageException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  StageException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  static StageException usage(String message) {
    return new StageException(USAGE, message);
  }

  static StageException data(String message) {
    return new StageException(DATA, message);
  }
}
