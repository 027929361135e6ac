package org.capenv.audit.store;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.merkle.ConsistencyProof;
import org.capenv.audit.merkle.InclusionProof;
import org.capenv.audit.note.SignedCheckpoint;

/**
 * The tamper-evident audit log: a gap-free sequence of entries, the RFC 9162 Merkle tree over them,
 * and signed checkpoints of that tree.
 *
 * <p>Every method fails with {@link AuditStoreException} (unchecked) when the database fails or the
 * stored log is found inconsistent; callers must then fail closed.
 */
public interface AuditLog {

  /**
   * Appends in a transaction of the log's own and returns only after it has committed. Calls from
   * concurrent threads are batched into one transaction (group commit).
   *
   * @return one result per entry, in order
   */
  List<Appended> appendDurable(List<AuditEntry> entries);

  /**
   * Appends inside the caller's transaction ({@code connection.getAutoCommit()} must be false). The
   * entries become durable when the caller commits and disappear if it rolls back, together with
   * the caller's own records. The log head stays locked until then: commit promptly.
   *
   * @return sequence numbers and leaf hashes, valid once the caller has committed
   */
  List<Appended> appendInTransaction(Connection connection, List<AuditEntry> entries);

  /** Number of committed entries. */
  long size();

  /** The entry with sequence number {@code seq}, if any. */
  Optional<StoredEntry> get(long seq);

  /** Auditor search with cursor paging. */
  AuditPage search(AuditQuery query);

  /** Inclusion proof of entry {@code seq} in the tree of {@code treeSize} entries. */
  InclusionProof inclusionProof(long seq, long treeSize);

  /** Consistency proof between tree sizes {@code oldSize <= newSize}. */
  ConsistencyProof consistencyProof(long oldSize, long newSize);

  /** The latest signed checkpoint, if one was ever signed. */
  Optional<SignedCheckpoint> latestCheckpoint();

  /**
   * Signs a checkpoint of the current tree if it grew since the latest one, else returns the
   * latest. Never signs a tree that is not an extension of the latest signed one: the new entries'
   * hashes are recomputed from their bytes, and the stored tree must reproduce the latest signed
   * root.
   */
  SignedCheckpoint checkpoint();
}
