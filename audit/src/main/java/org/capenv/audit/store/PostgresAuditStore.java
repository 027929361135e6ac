package org.capenv.audit.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;

/**
 * The audit log on PostgreSQL (schema: {@code db/audit/V1__audit_log.sql}). Safe to use from many
 * threads and from many processes on one database: writers serialise on a transaction-scoped
 * advisory lock on the log head. Close it to stop the group-commit thread.
 */
public final class PostgresAuditStore extends AuditReader implements AuditLog, AutoCloseable {
  /** Default upper bound of entries per group-commit transaction. */
  public static final int DEFAULT_MAX_BATCH = 512;

  private final String origin;
  private final NoteSigner signer;
  private final GroupCommitter committer;
  private final AtomicReference<SignedCheckpoint> lastSigned = new AtomicReference<>();

  /**
   * @param dataSource connections as the application role (INSERT and SELECT on the audit tables)
   * @param origin checkpoint origin line, e.g. {@code capenv.example.police.uk/audit}
   * @param signer the checkpoint signing key
   */
  public PostgresAuditStore(DataSource dataSource, String origin, NoteSigner signer) {
    this(dataSource, origin, signer, DEFAULT_MAX_BATCH);
  }

  public PostgresAuditStore(
      DataSource dataSource, String origin, NoteSigner signer, int maxBatchEntries) {
    super(dataSource);
    this.origin = origin;
    this.signer = signer;
    this.committer = new GroupCommitter(dataSource, maxBatchEntries);
  }

  @Override
  public List<Appended> appendDurable(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    try {
      return committer.submit(entries).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditStoreException("interrupted before the audit append was acknowledged", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuditStoreException ase) {
        throw new AuditStoreException(ase.getMessage(), ase);
      }
      throw new AuditStoreException("audit append failed", e.getCause());
    }
  }

  @Override
  public List<Appended> appendInTransaction(Connection connection, List<AuditEntry> entries) {
    try {
      return Appender.append(connection, entries);
    } catch (SQLException e) {
      throw failure("append", e);
    }
  }

  @Override
  public Optional<SignedCheckpoint> latestCheckpoint() {
    Optional<StoredCheckpoint> row = latestStoredCheckpoint();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SignedCheckpoint.verify(row.get().note(), signer.verifier()));
    } catch (ProofException e) {
      throw new AuditStoreException("latest checkpoint does not verify: " + e.getMessage(), e);
    }
  }

  @Override
  public SignedCheckpoint checkpoint() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        SignedCheckpoint signed =
            CheckpointWriter.checkpoint(c, origin, signer, Optional.ofNullable(lastSigned.get()));
        c.commit();
        lastSigned.accumulateAndGet(
            signed, (a, b) -> a == null || b.checkpoint().size() > a.checkpoint().size() ? b : a);
        return signed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("checkpoint", e);
    }
  }

  /** The public verifier key of the checkpoint signer, for auditors. */
  public String verifierKey() {
    return signer.verifierKeyText();
  }

  @Override
  public void close() {
    committer.close();
  }
}
