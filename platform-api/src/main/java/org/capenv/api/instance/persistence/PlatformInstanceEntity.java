package org.capenv.api.instance.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One replica of the platform, as registered in {@code platform_instance}. */
@Entity
@Table(name = "platform_instance")
public class PlatformInstanceEntity extends PanacheEntityBase {
  @Id public String id;

  @Column(nullable = false)
  public String version;

  @Column(nullable = false)
  public String host;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  @Column(name = "heartbeat_at", nullable = false)
  public Instant heartbeatAt;

  @Column(name = "stopped_at")
  public Instant stoppedAt;

  /** Replicas that have not stopped and whose heartbeat is not older than {@code since}. */
  public static List<PlatformInstanceEntity> liveSince(Instant since) {
    return list("stoppedAt is null and heartbeatAt >= ?1 order by startedAt, id", since);
  }
}
