package org.capenv.runner;

/** Lifecycle of a run as a runner observes it. */
public enum RunState {
  /** Accepted by the backend, not yet running (Job created, pod not started). */
  PENDING,
  RUNNING,
  /** The tool exited 0 and its outputs were captured and hashed. */
  SUCCEEDED,
  /** The tool failed, was killed by a limit or deadline, or the backend failed it. */
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
