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
    if (n != seq.length) {
      throw new IllegalStateException("added " + n + " rows of " + seq.length);
    }
    Array[] arrays = new Array[13];
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      arrays[0] = c.createArrayOf("bigint", seq);
      for (int i = 0; i < 9; i++) {
        arrays[1 + i] = c.createArrayOf("text", text[i]);
      }
      for (int i = 0; i < 3; i++) {
        arrays[10 + i] = c.createArrayOf("bytea", bytes[i]);
      }
      for (int i = 0; i < arrays.length; i++) {
        ps.setArray(i + 1, arrays[i]);
      }
      int inserted = ps.executeUpdate();
      if (inserted != n) {
        throw new SQLException("inserted " + inserted + " audit rows instead of " + n);
      }
    } finally {
      for (Array a : arrays) {
        if (a != null) {
          a.free();
        }
      }
    }
  }
}
