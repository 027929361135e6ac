package org.capenv.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.entry.InvalidEntryException;
import org.capenv.audit.entry.SequencedEntry;
import org.capenv.audit.merkle.ConsistencyProof;
import org.capenv.audit.merkle.InclusionProof;
import org.capenv.audit.merkle.MerkleTree;

/**
 * Read side of the log: entries, search, proofs and the latest checkpoint. Needs only SELECT, so
 * auditors and the CLI use it with a read-only role.
 */
public class AuditReader {
  protected final DataSource dataSource;

  public AuditReader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Number of committed entries. */
  public long size() {
    try (Connection c = dataSource.getConnection()) {
      return StoredTree.size(c);
    } catch (SQLException e) {
      throw failure("size", e);
    }
  }

  public Optional<StoredEntry> get(long seq) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT seq, entry, leaf_hash FROM audit_entry WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(toStored(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("get", e);
    }
  }

  public AuditPage search(AuditQuery q) {
    StringBuilder sql =
        new StringBuilder("SELECT seq, entry, leaf_hash FROM audit_entry WHERE seq > ?");
    List<Object> args = new ArrayList<>();
    args.add(q.afterSeq());
    filter(sql, args, "actor_subject", q.actorSubject());
    filter(sql, args, "actor_force", q.force());
    filter(sql, args, "client_id", q.clientId());
    filter(sql, args, "tool_name", q.toolName());
    filter(sql, args, "action", q.action() == null ? null : q.action().code());
    filter(sql, args, "outcome", q.outcome() == null ? null : q.outcome().code());
    filter(sql, args, "case_reference", q.caseReference());
    filter(sql, args, "run_id", q.runId());
    if (q.from() != null) {
      sql.append(" AND recorded_at >= ?");
      args.add(Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      sql.append(" AND recorded_at < ?");
      args.add(Timestamp.from(q.to()));
    }
    // one row more than asked tells whether another page exists
    sql.append(" ORDER BY seq LIMIT ").append(q.limit() + 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<StoredEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(toStored(rs));
        }
      }
      if (out.size() > q.limit()) {
        List<StoredEntry> page = out.subList(0, q.limit());
        return new AuditPage(page, OptionalLong.of(page.get(page.size() - 1).seq()));
      }
      return new AuditPage(out, OptionalLong.empty());
    } catch (SQLException e) {
      throw failure("search", e);
    }
  }

  private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private static StoredEntry toStored(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    try {
      SequencedEntry decoded = EntryCodec.decode(rs.getBytes(2));
      if (decoded.seq() != seq) {
        throw new AuditStoreException(
            "audit row " + seq + " holds the entry of sequence number " + decoded.seq());
      }
      return new StoredEntry(seq, decoded.entry(), rs.getBytes(3));
    } catch (InvalidEntryException e) {
      throw new AuditStoreException("audit row " + seq + " is damaged: " + e.getMessage(), e);
    }
  }

  public InclusionProof inclusionProof(long seq, long treeSize) {
    try (Connection c = dataSource.getConnection()) {
      if (seq < 0 || seq >= treeSize) {
        throw new IllegalArgumentException("entry " + seq + " is not in a tree of " + treeSize);
      }
      return StoredTree.compute(
          c,
          treeSize,
          src ->
              new InclusionProof(
                  seq, treeSize, src.node(0, seq), MerkleTree.inclusionProof(src, seq, treeSize)));
    } catch (SQLException e) {
      throw failure("inclusion proof", e);
    }
  }

  public ConsistencyProof consistencyProof(long oldSize, long newSize) {
    try (Connection c = dataSource.getConnection()) {
      if (oldSize < 0 || oldSize > newSize) {
        throw new IllegalArgumentException(
            "no consistency proof from " + oldSize + " to " + newSize);
      }
      return StoredTree.compute(
          c,
          newSize,
          src ->
              new ConsistencyProof(
                  oldSize, newSize, MerkleTree.consistencyProof(src, oldSize, newSize)));
    } catch (SQLException e) {
      throw failure("consistency proof", e);
    }
  }

  /** Root hash of the first {@code treeSize} entries, from stored subtree hashes. */
  public byte[] rootHash(long treeSize) {
    try (Connection c = dataSource.getConnection()) {
      checkSize(c, treeSize);
      return StoredTree.compute(c, src -> MerkleTree.root(src, treeSize));
    } catch (SQLException e) {
      throw failure("root hash", e);
    }
  }

  private static void checkSize(Connection c, long treeSize) throws SQLException {
    long size = StoredTree.size(c);
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException("tree size " + treeSize + " exceeds the log size " + size);
    }
  }

  /** The latest stored checkpoint row, unverified. */
  public Optional<StoredCheckpoint> latestStoredCheckpoint() {
    try (Connection c = dataSource.getConnection()) {
      return CheckpointWriter.latest(c);
    } catch (SQLException e) {
      throw failure("latest checkpoint", e);
    }
  }

  static AuditStoreException failure(String what, SQLException e) {
    return new AuditStoreException("audit " + what + " failed: " + e.getMessage(), e);
  }
}
