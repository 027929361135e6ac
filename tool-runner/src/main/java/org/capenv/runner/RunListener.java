package org.capenv.runner;

/**
 * Receives every status change of every run of one runner, including runs found by {@link
 * ToolRunner#reconcile()}. Called from runner threads; implementations must be thread-safe and
 * quick (record and return). An exception thrown by a listener is logged and does not affect the
 * run.
 */
@FunctionalInterface
public interface RunListener {
  void onStatus(RunStatus status);
}
