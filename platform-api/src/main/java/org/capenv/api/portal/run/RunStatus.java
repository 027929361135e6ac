package org.capenv.api.portal.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.capenv.api.run.service.RunView;

/**
 * The live part of a run page, as the page's script polls it: state, elapsed time and outputs. It
 * carries no parameters, purpose or data.
 *
 * @param finished whether the run has ended (the script stops polling)
 * @param elapsed time since the request, or until it ended, e.g. {@code 1 min 4 s}
 */
public record RunStatus(
    String id,
    String state,
    boolean finished,
    String elapsed,
    Integer exitCode,
    String reason,
    List<RunView.FileView> outputs) {

  static final List<String> TERMINAL = List.of("COMPLETED", "FAILED", "CANCELLED");

  static RunStatus of(RunView run) {
    boolean finished = TERMINAL.contains(run.state());
    Instant end = run.finishedAt() != null ? run.finishedAt() : Instant.now();
    return new RunStatus(
        run.id(),
        run.state(),
        finished,
        elapsed(Duration.between(run.createdAt(), end)),
        run.exitCode(),
        run.reason(),
        run.outputs() == null ? List.of() : run.outputs());
  }

  static String elapsed(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min " + seconds % 60 + " s";
    }
    return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }
}
