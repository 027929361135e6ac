package org.capenv.api.run.service;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.audit.entry.Actor;
import org.jboss.logging.Logger;

/**
 * The platform's launch queue (ADR 0063): {@code POST /api/runs} reserves a slot, records the run,
 * then hands it here and answers 202; launch workers hand it to the runner. On start, runs that
 * were recorded but never launched are queued again.
 */
@ApplicationScoped
public class LaunchDispatcher {
  private static final Logger LOG = Logger.getLogger(LaunchDispatcher.class);

  @Inject RunsConfig config;
  @Inject RunLauncher launcher;
  @Inject RunRepository runs;

  private LaunchQueue queue;

  @PostConstruct
  void create() {
    RunsConfig.Launch launch = config.launch();
    queue = new LaunchQueue(launch.workers(), launch.queueCapacity(), this::launch);
  }

  /** Takes a slot for a run about to be recorded; false when the queue is full. */
  public boolean reserve() {
    return queue.reserve();
  }

  /** Gives back a slot whose run was not recorded. */
  public void release() {
    queue.release();
  }

  /** Queues a run just recorded by {@code actor}, in the current trace context. */
  void submit(String runId, Actor actor) {
    queue.submit(new LaunchOrder(runId, actor, Context.current()));
  }

  /** Slots taken: runs reserved, waiting or being launched. */
  public int taken() {
    return queue.taken();
  }

  /**
   * Queues every run recorded PENDING that is not queued already: on start, those the platform
   * accepted before it stopped (launching is idempotent per run id, so a run the runner had already
   * accepted is adopted, not started twice).
   *
   * @return how many runs were queued
   */
  public int recover() {
    int count = 0;
    for (String id : pending()) {
      if (queue.recover(LaunchOrder.recovered(id))) {
        count++;
      }
    }
    if (count > 0) {
      LOG.infof("%d accepted run(s) queued again for launch", count);
    }
    return count;
  }

  @Transactional
  List<String> pending() {
    return runs.pendingIds();
  }

  private void launch(LaunchOrder order) {
    try (Scope scope = order.context().makeCurrent()) {
      launcher.launch(order);
    } catch (RuntimeException e) {
      // the launcher records failures itself; this only keeps the worker alive
      LOG.errorf("launch of run %s ended abnormally: %s", order.runId(), e.getClass().getName());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    queue.close();
  }
}
