package org.capenv.runner;

import java.util.List;
import org.capenv.runner.spec.RunSpec;

/**
 * Runs approved tool versions in isolation. The platform selects one implementation by
 * configuration ({@code capenv.runner.type=local|kubernetes}).
 *
 * <p>Contract shared by all implementations:
 *
 * <ul>
 *   <li>{@link #launch} is idempotent per run id: a second call with the same id (after a timeout,
 *       a retry or a restart) returns the existing run's status and never starts a second process
 *       or Job.
 *   <li>Every status change is delivered to every registered {@link RunListener}, in order per run;
 *       the terminal status is delivered once, after outputs and logs were captured.
 *   <li>Nothing runs without isolation: if a mechanism is missing, {@link #availability()} says so
 *       and {@link #launch} throws; there is no weaker fallback.
 * </ul>
 */
public interface ToolRunner extends AutoCloseable {

  /** Whether this backend can run tools here; when not, the detail says how to fix it. */
  Availability availability();

  /** Registers a listener for status changes of all runs of this runner. */
  void addListener(RunListener listener);

  /**
   * Starts the run, or returns the status of the run already started with this id.
   *
   * @throws RunnerException if the backend is unavailable or the run cannot be started safely; in
   *     that case nothing of this run is left running
   */
  RunStatus launch(RunSpec spec);

  /**
   * The current status of a run. It is terminal only once the run's {@link #logs} and {@link
   * #outputs} are complete: whoever records the end from it records them too.
   *
   * @throws RunNotFoundException if the runner knows no run with this id
   */
  RunStatus status(String runId);

  /**
   * Bounded logs of a run: while it runs, what the tool has written so far; complete once the run
   * is terminal. After {@link #cancel}, the log as far as the run got, until the run is {@link
   * #forget forgotten}.
   */
  RunLogs logs(String runId);

  /**
   * {@link #logs}, or an empty log if the runner cannot give it: for callers that must go on
   * without one (recording a run's end, answering a read). The reason is logged as a warning.
   */
  default RunLogs logsOrEmpty(String runId) {
    try {
      return logs(runId);
    } catch (RunnerException e) {
      System.getLogger(ToolRunner.class.getName())
          .log(System.Logger.Level.WARNING, "no log of run " + runId + ": " + e.getMessage());
      return RunLogs.empty();
    }
  }

  /** Captured outputs of a succeeded run, each with its SHA-256 and size; empty otherwise. */
  List<RunOutput> outputs(String runId);

  /**
   * Stops a run: kills the sandbox or deletes the Job and its pods. Cancelling a terminal run
   * changes nothing.
   *
   * @return the status after cancellation
   */
  RunStatus cancel(String runId);

  /**
   * Drops what the runner holds in memory of a terminal run, once the platform has durably recorded
   * its end, status, logs and outputs: without it a long-lived runner would hold every run it ever
   * saw. Afterwards the run's status, logs and outputs may no longer be answered (the local sandbox
   * still reads them from its run folder); a run not yet terminal is kept.
   */
  void forget(String runId);

  /**
   * Finds the runs this platform launched that the backend still knows about (after a restart of
   * the platform) and reports their true state, resuming observation of those still running.
   */
  List<RunStatus> reconcile();

  /** Stops watching; does not stop runs on a cluster. */
  @Override
  void close();
}
