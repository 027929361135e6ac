package org.capenv.audit.store;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EncodedEntry;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.merkle.Frontier;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.NodeKeys;

/**
 * Appends entries inside an open transaction: takes the log-head lock, reads the tree's right edge,
 * then inserts the entries with their leaf and completed subtree hashes. Entries are encoded before
 * the lock; only the sequence number is written in under it.
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
    return appendEncoded(c, encode(entries), null).appended();
  }

  /**
   * Encodes entries up to their sequence numbers: the costly part of an append, which needs no
   * lock.
   *
   * @throws IllegalArgumentException if an entry has no canonical encoding
   */
  static List<EncodedEntry> encode(List<AuditEntry> entries) {
    List<EncodedEntry> out = new ArrayList<>(entries.size());
    for (AuditEntry e : entries) {
      out.add(EntryCodec.encodeWithoutSeq(e));
    }
    return out;
  }

  /**
   * Appends {@code entries} in the open transaction of {@code c}.
   *
   * @param cached the right edge this caller saw after its own last commit, or null. With it, the
   *     rows are computed before the lock and inserted with it in one round trip, on the condition
   *     (checked under the lock) that the log has not grown since; otherwise the stored right edge
   *     is read under the lock and the rows computed again.
   */
  static Batch appendEncoded(Connection c, List<EncodedEntry> entries, Frontier cached)
      throws SQLException {
    if (c.getAutoCommit()) {
      throw new IllegalStateException("append needs a transaction: auto-commit is on");
    }
    if (entries.isEmpty()) {
      return new Batch(List.of(), cached);
    }
    long seq;
    if (cached != null) {
      Frontier frontier = cached.copy();
      List<Appended> out = new ArrayList<>(entries.size());
      EntryRows rows = rows(entries, frontier, out);
      if (rows.lockAndInsertIfSize(c, cached.size())) {
        return new Batch(out, frontier);
      }
      // another writer appended since: the lock is held now, so the size read next is final
      seq = StoredTree.size(c);
    } else {
      seq = lockHeadAndSize(c);
    }
    Frontier frontier = loadFrontier(c, seq);
    List<Appended> out = new ArrayList<>(entries.size());
    rows(entries, frontier, out).insert(c);
    return new Batch(out, frontier);
  }

  /** The rows of {@code entries} appended to {@code frontier}, which advances past them. */
  private static EntryRows rows(List<EncodedEntry> entries, Frontier frontier, List<Appended> out) {
    EntryRows rows = new EntryRows(entries.size());
    long seq = frontier.size();
    for (EncodedEntry e : entries) {
      byte[] bytes = e.bytes(seq);
      byte[] leaf = MerkleHash.leafHash(bytes);
      rows.add(seq, e.entry(), bytes, leaf, concat(frontier.append(leaf)));
      out.add(new Appended(seq, leaf));
      seq++;
    }
    return rows;
  }

  static byte[] concat(List<byte[]> hashes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(hashes.size() * MerkleHash.SIZE);
    hashes.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
