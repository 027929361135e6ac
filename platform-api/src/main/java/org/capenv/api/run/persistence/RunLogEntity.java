package org.capenv.api.run.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.capenv.runner.RunLogs;

/**
 * A finished run's bounded log, stored with the record of its end: the runner keeps nothing of a
 * run once that is committed (ADR 0100).
 */
@Entity
@Table(name = "run_log")
public class RunLogEntity extends PanacheEntityBase {
  @Id
  @Column(name = "run_id")
  public String runId;

  @Column(nullable = false)
  public byte[] stdout;

  @Column(nullable = false)
  public byte[] stderr;

  @Column(name = "stdout_bytes", nullable = false)
  public long stdoutBytes;

  @Column(name = "stderr_bytes", nullable = false)
  public long stderrBytes;

  /** A row for {@code runId} holding {@code logs}; persisted by the caller. */
  public static RunLogEntity of(String runId, RunLogs logs) {
    RunLogEntity entity = new RunLogEntity();
    entity.runId = runId;
    entity.stdout = logs.stdout();
    entity.stderr = logs.stderr();
    entity.stdoutBytes = logs.stdoutTotalBytes();
    entity.stderrBytes = logs.stderrTotalBytes();
    return entity;
  }

  public RunLogs logs() {
    return new RunLogs(stdout, stderr, stdoutBytes, stderrBytes);
  }
}
