package org.capenv.api.instance.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.capenv.api.instance.persistence.PlatformInstanceEntity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registers this replica in the database at start, refreshes its heartbeat every 30 seconds and
 * marks it stopped on shutdown. Replicas are otherwise stateless; this is what lets an operator see
 * how many are live and which version each runs.
 */
@ApplicationScoped
public class InstanceRegistry {
  /** A replica whose heartbeat is older than this is considered gone (crashed or cut off). */
  static final Duration LIVENESS_WINDOW = Duration.ofSeconds(90);

  private final String instanceId = UUID.randomUUID().toString();

  @Inject
  @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
  String version;

  @Transactional
  void register(@Observes StartupEvent event) {
    Instant now = now();
    PlatformInstanceEntity entity = new PlatformInstanceEntity();
    entity.id = instanceId;
    entity.version = version;
    entity.host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
    entity.startedAt = now;
    entity.heartbeatAt = now;
    entity.persist();
  }

  @Scheduled(
      every = "30s",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void heartbeat() {
    PlatformInstanceEntity.update("heartbeatAt = ?1 where id = ?2", now(), instanceId);
  }

  @Transactional
  void markStopped(@Observes ShutdownEvent event) {
    PlatformInstanceEntity.update("stoppedAt = ?1 where id = ?2", now(), instanceId);
  }

  /** This replica's id. */
  public String instanceId() {
    return instanceId;
  }

  /** The live replicas, oldest first. */
  @Transactional
  public List<InstanceView> live() {
    return PlatformInstanceEntity.liveSince(now().minus(LIVENESS_WINDOW)).stream()
        .map(e -> new InstanceView(e.id, e.version, e.host, e.startedAt, e.heartbeatAt))
        .toList();
  }

  private static Instant now() {
    // PostgreSQL keeps microseconds: truncate so that what is written is what is read back
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
