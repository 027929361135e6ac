package org.capenv.api.run.service;

import io.opentelemetry.context.Context;
import java.util.Objects;
import org.capenv.audit.entry.Actor;

/**
 * A recorded run waiting to be launched: its id, who its {@code run.launched} entry names, and the
 * trace context of the request that accepted it (so that the launch's span and entry carry the same
 * trace id). Everything else the launch needs is read back from the run's row.
 *
 * @param runId the run, recorded PENDING
 * @param actor the caller who requested it, or the platform itself for a run recovered at start
 * @param context the trace context to launch in
 */
public record LaunchOrder(String runId, Actor actor, Context context) {
  /** The actor of launches the platform resumes on start, for runs accepted before it stopped. */
  public static final Actor RECOVERY = Actor.system("launcher");

  public LaunchOrder {
    Objects.requireNonNull(runId);
    Objects.requireNonNull(actor);
    Objects.requireNonNull(context);
  }

  /** A run recorded before the platform stopped and never launched. */
  public static LaunchOrder recovered(String runId) {
    return new LaunchOrder(runId, RECOVERY, Context.root());
  }
}
