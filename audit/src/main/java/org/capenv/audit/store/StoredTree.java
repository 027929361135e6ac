package org.capenv.audit.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.NodeKeys;
import org.capenv.audit.merkle.SubtreeSource;

/**
 * Reads stored subtree hashes. Node {@code (level, index)} lives in the row of the leaf where that
 * subtree ends, so any set of nodes is one primary-key lookup of as many rows.
 */
final class StoredTree {
  private StoredTree() {}

  /** Runs {@code computation} against the stored nodes it needs, fetched in one query. */
  static <T> T compute(Connection c, Function<SubtreeSource, T> computation) throws SQLException {
    return compute(c, -1, computation);
  }

  /**
   * As {@link #compute(Connection, Function)} for a tree of {@code treeSize} leaves, checked to
   * exist in the same query: its last row is fetched too, and its absence means the log is shorter.
   * One round trip in all.
   */
  static <T> T compute(Connection c, long treeSize, Function<SubtreeSource, T> computation)
      throws SQLException {
    Set<List<Long>> keys = NodeKeys.of(computation);
    LongStream rows = keys.stream().mapToLong(k -> NodeKeys.rowOf(k.get(0).intValue(), k.get(1)));
    if (treeSize > 0) {
      rows = LongStream.concat(rows, LongStream.of(treeSize - 1));
    }
    Map<Long, byte[][]> fetched = fetch(c, rows.distinct().toArray());
    if (treeSize > 0 && !fetched.containsKey(treeSize - 1)) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " exceeds the log size " + size(c));
    }
    return computation.apply(source(fetched));
  }

  static Map<Long, byte[][]> fetch(Connection c, long[] seqs) throws SQLException {
    Map<Long, byte[][]> rows = new HashMap<>();
    if (seqs.length == 0) {
      return rows;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, leaf_hash, subtree_hashes FROM audit_entry WHERE seq = ANY(?)")) {
      Array array = c.createArrayOf("bigint", Arrays.stream(seqs).boxed().toArray());
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getLong(1), new byte[][] {rs.getBytes(2), rs.getBytes(3)});
        }
      }
      array.free();
    }
    return rows;
  }

  static SubtreeSource source(Map<Long, byte[][]> rows) {
    return (level, index) -> {
      long seq = NodeKeys.rowOf(level, index);
      byte[][] row = rows.get(seq);
      if (row == null) {
        throw new AuditStoreException(
            "stored tree incomplete: row "
                + seq
                + " holding node ("
                + level
                + ", "
                + index
                + ") is missing");
      }
      if (level == 0) {
        return row[0];
      }
      int from = (level - 1) * MerkleHash.SIZE;
      if (row[1].length < from + MerkleHash.SIZE) {
        throw new AuditStoreException(
            "stored tree damaged: row " + seq + " has no level-" + level + " subtree hash");
      }
      return Arrays.copyOfRange(row[1], from, from + MerkleHash.SIZE);
    };
  }

  /** The sequence number after the last committed-or-visible entry, i.e. the tree size. */
  static long size(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT max(seq) FROM audit_entry");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long max = rs.getLong(1);
      return rs.wasNull() ? 0 : max + 1;
    }
  }
}
