package org.capenv.api.audit.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.capenv.audit.store.PostgresAuditStore;

/**
 * Signs a new checkpoint when the log has grown. Replicas may all run it: the store serialises on
 * the log head and never signs a checkpoint inconsistent with an earlier one.
 */
@ApplicationScoped
public class CheckpointScheduler {
  @Inject PostgresAuditStore store;

  @Scheduled(
      every = "${capenv.audit.checkpoint-interval:10s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void checkpoint() {
    store.checkpoint();
  }
}
