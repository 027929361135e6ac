package org.capenv.runner;

/**
 * A runner could not do what was asked. Launch failures leave nothing running: the backend either
 * created the run completely or cleaned up what it had created.
 */
public class RunnerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunnerException(String message) {
    super(message);
  }

  public RunnerException(String message, Throwable cause) {
    super(message, cause);
  }
}
