package org.capenv.api.run.persistence;

/** The platform's record of where a run is. */
public enum RunStateValue {
  /** Recorded and authorised, not yet accepted by the runner. */
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
