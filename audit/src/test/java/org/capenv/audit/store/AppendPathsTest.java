package org.capenv.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.List;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.merkle.Frontier;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.store.PostgresExtension.TestDatabase;
import org.capenv.audit.testing.Samples;
import org.capenv.audit.verify.LogVerification;
import org.capenv.audit.verify.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The group committer's one-round-trip path (rows computed from its own last right edge, inserted
 * with the head lock only if the log has not grown) and its fallback when another writer appended
 * in between, taken deterministically in turn.
 */
@ExtendWith(PostgresExtension.class)
class AppendPathsTest {
  private static final String ORIGIN = "capenv.test/audit";

  @Test
  void staleRightEdgesFallBackToTheStoredTreeAndTheLogStaysOneVerifiableSequence(TestDatabase db)
      throws Exception {
    NoteSigner signer = NoteSigner.generate(ORIGIN);
    try (PostgresAuditStore a = new PostgresAuditStore(db.app(), ORIGIN, signer);
        PostgresAuditStore b = new PostgresAuditStore(db.app(), ORIGIN, signer)) {
      assertThat(seqs(a.appendDurable(Samples.entries(0, 3)))).containsExactly(0L, 1L, 2L);
      // a's right edge is current: one round trip
      assertThat(seqs(a.appendDurable(Samples.entries(3, 2)))).containsExactly(3L, 4L);
      // b has none yet, then a's is stale (b appended): both read the stored tree
      assertThat(seqs(b.appendDurable(Samples.entries(5, 4)))).containsExactly(5L, 6L, 7L, 8L);
      assertThat(seqs(a.appendDurable(Samples.entries(9, 1)))).containsExactly(9L);
      // an append in a caller's transaction that rolls back leaves a's right edge current
      try (Connection c = db.app().getConnection()) {
        c.setAutoCommit(false);
        assertThat(seqs(a.appendInTransaction(c, Samples.entries(10, 2))))
            .containsExactly(10L, 11L);
        c.rollback();
      }
      assertThat(seqs(a.appendDurable(Samples.entries(10, 3)))).containsExactly(10L, 11L, 12L);
      // one that commits makes it stale again
      try (Connection c = db.app().getConnection()) {
        c.setAutoCommit(false);
        a.appendInTransaction(c, Samples.entries(13, 2));
        c.commit();
      }
      assertThat(seqs(a.appendDurable(Samples.entries(15, 2)))).containsExactly(15L, 16L);
      assertThat(seqs(b.appendDurable(Samples.entries(17, 1)))).containsExactly(17L);

      VerificationResult r =
          LogVerification.database(db.app(), signer.verifier(), a.checkpoint().note());
      assertThat(r.ok()).as(r.summary()).isTrue();
      assertThat(r.entries()).isEqualTo(18);
      for (long seq = 0; seq < 18; seq++) {
        b.inclusionProof(seq, 18).verify(b.rootHash(18));
      }
    }
  }

  @Test
  void anEntryWithoutACanonicalFormFailsItsOwnCallerOnlyAndLeavesNoGap(TestDatabase db) {
    NoteSigner signer = NoteSigner.generate(ORIGIN);
    AuditEntry loneSurrogate =
        AuditEntry.builder(Action.RUN_REQUESTED, Samples.analyst(1))
            .justification("broken \ud800 text", "OP-1")
            .build();
    try (PostgresAuditStore store = new PostgresAuditStore(db.app(), ORIGIN, signer)) {
      store.appendDurable(Samples.entries(0, 2));
      assertThatThrownBy(() -> store.appendDurable(List.of(Samples.entry(2), loneSurrogate)))
          .isInstanceOf(AuditStoreException.class)
          .hasMessageContaining("lone surrogate");
      assertThat(seqs(store.appendDurable(Samples.entries(2, 2)))).containsExactly(2L, 3L);
      assertThat(store.size()).isEqualTo(4);
    }
  }

  @Test
  void theLockedInsertWritesOnlyWhenTheLogHasTheExpectedSize(TestDatabase db) throws Exception {
    NoteSigner signer = NoteSigner.generate(ORIGIN);
    try (PostgresAuditStore store = new PostgresAuditStore(db.app(), ORIGIN, signer)) {
      store.appendDurable(Samples.entries(0, 3));
      try (Connection c = db.app().getConnection()) {
        c.setAutoCommit(false);
        Frontier edge = Appender.loadFrontier(c, 3);
        assertThat(nextRow(edge.copy()).lockAndInsertIfSize(c, 2)).isFalse();
        assertThat(nextRow(edge.copy()).lockAndInsertIfSize(c, 4)).isFalse();
        assertThat(StoredTree.size(c)).isEqualTo(3);
        assertThat(nextRow(edge.copy()).lockAndInsertIfSize(c, 3)).isTrue();
        assertThat(StoredTree.size(c)).isEqualTo(4);
        c.commit();
      }
      VerificationResult r =
          LogVerification.database(db.app(), signer.verifier(), store.checkpoint().note());
      assertThat(r.ok()).as(r.summary()).isTrue();
      assertThat(r.entries()).isEqualTo(4);
    }
  }

  /** The row of the sample entry that comes next after {@code edge}, which advances past it. */
  private static EntryRows nextRow(Frontier edge) {
    long seq = edge.size();
    AuditEntry e = Samples.entry((int) seq);
    byte[] bytes = EntryCodec.encode(seq, e);
    byte[] leaf = MerkleHash.leafHash(bytes);
    EntryRows rows = new EntryRows(1);
    rows.add(seq, e, bytes, leaf, Appender.concat(edge.append(leaf)));
    return rows;
  }

  private static List<Long> seqs(List<Appended> appended) {
    return appended.stream().map(Appended::seq).toList();
  }
}
