package org.capenv.runner;

/** No run with this id is known to the runner. */
public final class RunNotFoundException extends RunnerException {
  private static final long serialVersionUID = 1L;

  public RunNotFoundException(String runId) {
    super("no run " + runId);
  }
}
