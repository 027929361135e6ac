package org.capenv.audit.store;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.merkle.Frontier;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.NodeKeys;

/**
 * Appends entries inside an open transaction: takes the log-head lock, reads the tree's right edge,
 * then inserts the entries with their leaf and completed subtree hashes.
 */
final class Appender {
  /**
   * Transaction-scoped advisory lock on the log head: every writer, in every process, serialises on
   * it, so sequence numbers are gap-free and each leaf is hashed onto the tree that precedes it.
   * Released by commit or rollback.
   */
  static final long HEAD_LOCK = 0x6361_7065_6e76_4175L;

  /**
   * The head lock, then the tree size, in one round trip: under READ COMMITTED the second statement
   * takes its snapshot only after the first one returned with the lock held, so it sees every entry
   * committed before.
   */
  private static final String LOCK_AND_SIZE =
      "SELECT pg_advisory_xact_lock(?); SELECT max(seq) FROM audit_entry";

  /** The entries appended by one call and the tree's right edge after them. */
  record Batch(List<Appended> appended, Frontier head) {}

  private Appender() {}

  static void lockHead(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      ps.setLong(1, HEAD_LOCK);
      ps.execute();
    }
  }

  static Frontier loadFrontier(Connection c, long size) throws SQLException {
    long[] rows =
        Frontier.keys(size).stream().mapToLong(k -> NodeKeys.rowOf((int) k[0], k[1])).toArray();
    return Frontier.load(size, StoredTree.source(StoredTree.fetch(c, rows)));
  }

  /**
   * Takes the head lock and returns the tree size, in one round trip.
   *
   * @throws SQLException if the database refuses either statement
   */
  static long lockHeadAndSize(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LOCK_AND_SIZE)) {
      ps.setLong(1, HEAD_LOCK);
      ps.execute();
      if (!ps.getMoreResults()) {
        throw new SQLException("no tree size returned after the head lock");
      }
      try (ResultSet rs = ps.getResultSet()) {
        rs.next();
        long max = rs.getLong(1);
        return rs.wasNull() ? 0 : max + 1;
      }
    }
  }

  static List<Appended> append(Connection c, List<AuditEntry> entries) throws SQLException {
    return append(c, entries, null).appended();
  }

  /**
   * Appends {@code entries} in the open transaction of {@code c}.
   *
   * @param cached the right edge this caller saw after its own last commit, or null: used instead
   *     of reading the stored nodes when the log has not grown since (checked under the lock)
   */
  static Batch append(Connection c, List<AuditEntry> entries, Frontier cached) throws SQLException {
    if (c.getAutoCommit()) {
      throw new IllegalStateException("append needs a transaction: auto-commit is on");
    }
    List<Appended> out = new ArrayList<>(entries.size());
    if (entries.isEmpty()) {
      return new Batch(out, cached);
    }
    long seq = lockHeadAndSize(c);
    Frontier frontier =
        cached != null && cached.size() == seq ? cached.copy() : loadFrontier(c, seq);
    EntryRows rows = new EntryRows(entries.size());
    for (AuditEntry e : entries) {
      byte[] bytes = EntryCodec.encode(seq, e);
      byte[] leaf = MerkleHash.leafHash(bytes);
      rows.add(seq, e, bytes, leaf, concat(frontier.append(leaf)));
      out.add(new Appended(seq, leaf));
      seq++;
    }
    rows.insert(c);
    return new Batch(out, frontier);
  }

  static byte[] concat(List<byte[]> hashes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(hashes.size() * MerkleHash.SIZE);
    hashes.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
