package org.capenv.audit.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.capenv.audit.entry.AuditEntry;

/**
 * The rows of one append, inserted by a single statement (one array per column, unnested by the
 * server in order): one execution per batch instead of one per entry.
 */
final class EntryRows {
  private static final String INSERT =
      "INSERT INTO audit_entry (seq, recorded_at, action, outcome, actor_subject, actor_force,"
          + " client_id, tool_name, case_reference, run_id, entry, leaf_hash, subtree_hashes)"
          + " SELECT * FROM unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[],"
          + " ?::bytea[], ?::bytea[])";

  /**
   * The head lock, then the insert only if the log still ends where this writer expects, in one
   * round trip: the insert's snapshot is taken after the lock was granted (READ COMMITTED takes one
   * per statement), so it sees every entry committed before; the sub-select runs once.
   */
  private static final String LOCK_AND_INSERT_IF_SIZE =
      "SELECT pg_advisory_xact_lock(?); "
          + INSERT
          + " WHERE coalesce((SELECT max(seq) FROM audit_entry), -1) = ?";

  private static final int COLUMNS = 13;
  private final Long[] seq;
  private final String[][] text;
  private final byte[][][] bytes;
  private int n;

  EntryRows(int capacity) {
    seq = new Long[capacity];
    text = new String[9][capacity];
    bytes = new byte[3][capacity][];
  }

  void add(long seqNumber, AuditEntry e, byte[] entry, byte[] leaf, byte[] subtrees) {
    seq[n] = seqNumber;
    // ISO-8601 with Z: the instant itself, whatever the JVM's or the session's time zone
    text[0][n] = e.time().toString();
    text[1][n] = e.action().code();
    text[2][n] = e.outcome().code();
    text[3][n] = e.actor().subject();
    text[4][n] = e.actor().force();
    text[5][n] = e.actor().clientId();
    text[6][n] = e.tool() == null ? null : e.tool().name();
    text[7][n] = e.justification() == null ? null : e.justification().caseReference();
    text[8][n] = e.runId();
    bytes[0][n] = entry;
    bytes[1][n] = leaf;
    bytes[2][n] = subtrees;
    n++;
  }

  /** Inserts every added row; the count must be the capacity. */
  void insert(Connection c) throws SQLException {
    checkComplete();
    Array[] arrays = new Array[COLUMNS];
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bind(c, ps, 1, arrays);
      expectInserted(ps.executeUpdate());
    } finally {
      free(arrays);
    }
  }

  /**
   * Takes the head lock and inserts every added row if the log has exactly {@code size} entries, in
   * one round trip. The lock is held afterwards in either case.
   *
   * @return false if the log has another size (another writer appended): nothing was inserted
   */
  boolean lockAndInsertIfSize(Connection c, long size) throws SQLException {
    checkComplete();
    Array[] arrays = new Array[COLUMNS];
    try (PreparedStatement ps = c.prepareStatement(LOCK_AND_INSERT_IF_SIZE)) {
      ps.setLong(1, Appender.HEAD_LOCK);
      bind(c, ps, 2, arrays);
      ps.setLong(2 + COLUMNS, size - 1);
      ps.execute();
      if (ps.getMoreResults()) {
        throw new SQLException("the conditional audit insert returned rows");
      }
      int inserted = ps.getUpdateCount();
      if (inserted == 0) {
        return false;
      }
      expectInserted(inserted);
      return true;
    } finally {
      free(arrays);
    }
  }

  private void checkComplete() {
    if (n != seq.length) {
      throw new IllegalStateException("added " + n + " rows of " + seq.length);
    }
  }

  private void expectInserted(int inserted) throws SQLException {
    if (inserted != n) {
      throw new SQLException("inserted " + inserted + " audit rows instead of " + n);
    }
  }

  private void bind(Connection c, PreparedStatement ps, int first, Array[] arrays)
      throws SQLException {
    arrays[0] = c.createArrayOf("bigint", seq);
    for (int i = 0; i < 9; i++) {
      arrays[1 + i] = c.createArrayOf("text", text[i]);
    }
    for (int i = 0; i < 3; i++) {
      arrays[10 + i] = c.createArrayOf("bytea", bytes[i]);
    }
    for (int i = 0; i < arrays.length; i++) {
      ps.setArray(first + i, arrays[i]);
    }
  }

  private static void free(Array[] arrays) throws SQLException {
    for (Array a : arrays) {
      if (a != null) {
        a.free();
      }
    }
  }
}
