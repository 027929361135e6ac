package org.capenv.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A consistent read-only view of the whole log (one REPEATABLE READ transaction), for export and
 * verification: the entries and checkpoints seen belong to the same moment even while writers
 * append. Entries are streamed with a cursor, never loaded all at once.
 */
public final class LogSnapshot implements AutoCloseable {
  /** Receives streamed rows. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(RawEntry row) throws Exception;
  }

  private static final int FETCH_SIZE = 2000;
  private final Connection connection;
  private final long size;

  private LogSnapshot(Connection connection) throws SQLException {
    this.connection = connection;
    this.size = StoredTree.size(connection);
  }

  /** Opens a snapshot on a connection of its own. */
  public static LogSnapshot open(DataSource dataSource) {
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      return new LogSnapshot(c);
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new AuditStoreException("cannot read the audit log: " + e.getMessage(), e);
    }
  }

  /** Tree size in this snapshot (one more than the largest sequence number). */
  public long size() {
    return size;
  }

  /** Number of entry rows (differs from {@link #size()} only if rows were deleted). */
  public long rowCount() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM audit_entry");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** All stored checkpoints, smallest tree first. */
  public List<StoredCheckpoint> checkpoints() throws SQLException {
    List<StoredCheckpoint> out = new ArrayList<>();
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT tree_size, root_hash, note FROM audit_checkpoint ORDER BY tree_size");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3)));
      }
    }
    return out;
  }

  /** Streams rows with {@code from <= seq < to} in sequence order. */
  public void forEach(long from, long to, RowConsumer consumer) throws Exception {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT seq, entry, leaf_hash, subtree_hashes FROM audit_entry"
                + " WHERE seq >= ? AND seq < ? ORDER BY seq")) {
      ps.setFetchSize(FETCH_SIZE);
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          consumer.accept(
              new RawEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)));
        }
      }
    }
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException ignored) {
      // read-only transaction: nothing to lose
    }
  }
}
