package org.capenv.audit.store;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.capenv.audit.canonical.CanonicalScanner;
import org.capenv.audit.canonical.NonCanonicalJsonException;
import org.capenv.audit.merkle.Frontier;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.MerkleTree;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.note.Checkpoint;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.note.SignedCheckpoint;

/**
 * Signs checkpoints, refusing whenever the stored log is not an extension of what was signed
 * before: the previous checkpoint's signature must verify, the stored tree must reproduce its root,
 * and every entry added since is re-hashed from its bytes and checked against its stored hashes
 * before the new root is signed.
 */
final class CheckpointWriter {
  private CheckpointWriter() {}

  static Optional<StoredCheckpoint> latest(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT tree_size, root_hash, note FROM audit_checkpoint"
                    + " ORDER BY tree_size DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3)))
          : Optional.empty();
    }
  }

  /**
   * Runs inside a transaction; the caller commits.
   *
   * @param floor the last checkpoint this process signed, if any: the stored log must still contain
   *     it, so that deleting checkpoint rows cannot make this process sign a fork
   */
  static SignedCheckpoint checkpoint(
      Connection c, String origin, NoteSigner signer, Optional<SignedCheckpoint> floor)
      throws SQLException {
    Appender.lockHead(c);
    long size = StoredTree.size(c);
    NoteVerifier verifier = signer.verifier();
    Optional<SignedCheckpoint> previous = Optional.empty();
    Optional<StoredCheckpoint> row = latest(c);
    if (row.isPresent()) {
      try {
        previous = Optional.of(SignedCheckpoint.verify(row.get().note(), verifier));
      } catch (ProofException e) {
        throw new AuditStoreException(
            "refusing to sign: latest stored checkpoint "
                + row.get().treeSize()
                + " does not verify: "
                + e.getMessage());
      }
      Checkpoint p = previous.get().checkpoint();
      if (p.size() != row.get().treeSize() || !p.origin().equals(origin)) {
        throw new AuditStoreException(
            "refusing to sign: checkpoint row " + row.get().treeSize() + " carries " + p);
      }
    }
    long from = previous.map(p -> p.checkpoint().size()).orElse(0L);
    if (floor.isPresent()) {
      Checkpoint f = floor.get().checkpoint();
      if (from < f.size() || size < f.size()) {
        throw new AuditStoreException(
            "refusing to sign: this process signed checkpoint "
                + f.size()
                + " but the database holds checkpoints up to "
                + from
                + " and "
                + size
                + " entries");
      }
      byte[] stored = StoredTree.compute(c, src -> MerkleTree.root(src, f.size()));
      if (!MessageDigest.isEqual(stored, f.rootHash())) {
        throw new AuditStoreException(
            "refusing to sign: tree of size "
                + f.size()
                + " now has root "
                + Hex.of(stored)
                + ", this process signed "
                + Hex.of(f.rootHash()));
      }
    }
    if (from > size) {
      throw new AuditStoreException(
          "refusing to sign: checkpoint "
              + from
              + " was signed but the log has only "
              + size
              + " entries; first missing entry "
              + size);
    }
    Frontier frontier = Appender.loadFrontier(c, from);
    if (previous.isPresent()) {
      byte[] signed = previous.get().checkpoint().rootHash();
      if (!MessageDigest.isEqual(frontier.root(), signed)) {
        throw new AuditStoreException(
            "refusing to sign: stored tree of size "
                + from
                + " has root "
                + Hex.of(frontier.root())
                + ", signed checkpoint says "
                + Hex.of(signed));
      }
      if (from == size) {
        return previous.get();
      }
    }
    extend(c, frontier, from, size);
    SignedCheckpoint next =
        SignedCheckpoint.sign(new Checkpoint(origin, size, frontier.root()), signer);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_checkpoint (tree_size, root_hash, note) VALUES (?, ?, ?)")) {
      ps.setLong(1, size);
      ps.setBytes(2, next.checkpoint().rootHash());
      ps.setString(3, next.note());
      ps.executeUpdate();
    }
    return next;
  }

  private static void extend(Connection c, Frontier frontier, long from, long to)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, entry, leaf_hash, subtree_hashes FROM audit_entry"
                + " WHERE seq >= ? AND seq < ? ORDER BY seq")) {
      ps.setFetchSize(2000);
      ps.setLong(1, from);
      ps.setLong(2, to);
      long expected = from;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          if (seq != expected) {
            throw refuse(expected, "missing (next row is " + seq + ")");
          }
          byte[] entry = rs.getBytes(2);
          try {
            long claimed = CanonicalScanner.topLevelInteger(entry, "seq");
            if (claimed != seq) {
              throw refuse(seq, "its bytes are the entry of sequence number " + claimed);
            }
          } catch (NonCanonicalJsonException e) {
            throw refuse(seq, e.getMessage());
          }
          byte[] leaf = MerkleHash.leafHash(entry);
          if (!MessageDigest.isEqual(leaf, rs.getBytes(3))) {
            throw refuse(
                seq, "leaf hash expected " + Hex.of(leaf) + ", stored " + Hex.of(rs.getBytes(3)));
          }
          byte[] subtrees = Appender.concat(frontier.append(leaf));
          if (!MessageDigest.isEqual(subtrees, rs.getBytes(4))) {
            throw refuse(
                seq,
                "subtree hashes expected "
                    + Hex.of(subtrees)
                    + ", stored "
                    + Hex.of(rs.getBytes(4)));
          }
          expected++;
        }
      }
      if (expected != to) {
        throw refuse(expected, "missing");
      }
    }
  }

  private static AuditStoreException refuse(long seq, String why) {
    return new AuditStoreException("refusing to sign: entry " + seq + ": " + why);
  }
}
