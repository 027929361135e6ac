package org.capenv.runner;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of one runner. A listener that throws is logged and skipped, so that one faulty
 * listener never keeps a status change from the others or breaks the runner's own thread.
 */
public final class RunListeners {
  private static final System.Logger LOG = System.getLogger(RunListeners.class.getName());

  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

  public void add(RunListener listener) {
    listeners.add(listener);
  }

  /** Tells every listener about {@code status}. */
  public void publish(RunStatus status) {
    for (RunListener listener : listeners) {
      try {
        listener.onStatus(status);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "run listener failed on " + status.runId(), e);
      }
    }
  }
}
