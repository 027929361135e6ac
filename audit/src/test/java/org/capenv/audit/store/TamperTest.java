package org.capenv.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.MerkleTree;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.note.Checkpoint;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.PostgresExtension.TestDatabase;
import org.capenv.audit.testing.Samples;
import org.capenv.audit.verify.LogVerification;
import org.capenv.audit.verify.VerificationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A database superuser (who can disable the triggers) tampers with a log of 40 entries that was
 * checkpointed after every batch of 5; the auditor holds the checkpoint of size 40. Each kind of
 * tampering must be detected and the first bad sequence number named.
 */
@ExtendWith(PostgresExtension.class)
class TamperTest {
  private static final String ORIGIN = "capenv.test/audit";
  private static final NoteSigner SIGNER = NoteSigner.generate(ORIGIN);

  private TestDatabase db;
  private PostgresAuditStore store;
  private String trusted;

  @BeforeEach
  void appendAndCheckpoint(TestDatabase database) {
    db = database;
    store = new PostgresAuditStore(db.app(), ORIGIN, SIGNER);
    for (int batch = 0; batch < 8; batch++) {
      store.appendDurable(Samples.entries(batch * 5, 5));
      store.checkpoint();
    }
    trusted = store.latestCheckpoint().orElseThrow().note();
    assertThat(verify().ok()).isTrue();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anUntouchedLogVerifies() {
    VerificationResult r = verify();
    assertThat(r.summary())
        .isEqualTo("OK: 40 entries, 8 checkpoints verified, proven up to tree size 40");
  }

  @Test
  void changingOneEntrysBytesIsNamed() throws SQLException {
    superuser(
        "UPDATE audit_entry SET entry = convert_to(replace(convert_from(entry, 'UTF8'),"
            + " 'cps:case-unit', 'press:desk'), 'UTF8') WHERE seq = 17");
    assertNamed(17, "entry 17: leaf hash of its bytes is");
  }

  @Test
  void changingBytesAndTheirLeafHashIsNamed() throws SQLException {
    byte[] forged = EntryCodec.encode(17, Samples.entry(17).toBuilder().recipient("press").build());
    try (Connection c = tamper()) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE audit_entry SET entry = ?, leaf_hash = ? WHERE seq = 17")) {
        ps.setBytes(1, forged);
        ps.setBytes(2, MerkleHash.leafHash(forged));
        ps.executeUpdate();
      }
      commit(c);
    }
    assertNamed(17, "entry 17: subtree hashes recomputed");
  }

  @Test
  void deletingAnEntryIsNamed() throws SQLException {
    superuser("DELETE FROM audit_entry WHERE seq = 23");
    assertNamed(23, "entry 23 is missing (the next stored entry is 24)");
  }

  @Test
  void swappingTwoEntriesIsNamed() throws SQLException {
    superuser(
        "UPDATE audit_entry a SET entry = b.entry, leaf_hash = b.leaf_hash,"
            + " subtree_hashes = b.subtree_hashes FROM audit_entry b"
            + " WHERE (a.seq, b.seq) IN ((12, 30), (30, 12))");
    assertNamed(12, "position 12 holds the entry of sequence number 30");
  }

  @Test
  void insertingAForgedEntryIsNamed() throws SQLException {
    try (Connection c = tamper();
        Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE moved AS SELECT * FROM audit_entry WHERE seq >= 33");
      s.execute("DELETE FROM audit_entry WHERE seq >= 33");
      // the forger hashes the fake entry onto the genuine tree, exactly as the log would
      Appender.append(c, List.of(Samples.entry(900)));
      s.execute(
          "INSERT INTO audit_entry SELECT seq + 1, recorded_at, action, outcome,"
              + " actor_subject, actor_force, client_id, tool_name, case_reference, run_id, entry,"
              + " leaf_hash, subtree_hashes FROM moved");
      commit(c);
    }
    assertNamed(33, "position 34 holds the entry of sequence number 33");
  }

  @ParameterizedTest
  @ValueSource(ints = {25, 27})
  void truncatingTheTailAndAppendingDifferentEntriesIsNamed(int cut) throws SQLException {
    superuser(
        "DELETE FROM audit_entry WHERE seq >= " + cut,
        "DELETE FROM audit_checkpoint WHERE tree_size > " + cut);
    // a restarted platform (no memory of what it signed) appends and even signs the new tail
    try (PostgresAuditStore restarted = new PostgresAuditStore(db.app(), ORIGIN, SIGNER)) {
      restarted.appendDurable(Samples.entries(500, 40 - cut));
      restarted.checkpoint();
    }
    // with a checkpoint every 5 entries, the bad range starts at the last good checkpoint, 25
    assertNamed(25, "do not reproduce the signed checkpoint of size 40");
  }

  @Test
  void aRunningLogRefusesToSignAForkAfterItsCheckpointsWereDeleted() throws SQLException {
    superuser(
        "DELETE FROM audit_entry WHERE seq >= 25",
        "DELETE FROM audit_checkpoint WHERE tree_size > 25");
    store.appendDurable(Samples.entries(500, 15));
    assertThat(catchThrowable(store::checkpoint))
        .isInstanceOf(AuditStoreException.class)
        .hasMessageContaining("this process signed checkpoint 40");
  }

  @Test
  void reSigningCheckpointsWithAnotherKeyIsDetected() throws SQLException {
    NoteSigner forger = NoteSigner.generate(ORIGIN);
    try (Connection c = tamper();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM audit_entry WHERE seq >= 17");
      s.execute("DELETE FROM audit_checkpoint WHERE tree_size >= 20");
      Appender.append(c, Samples.entries(700, 23));
      for (long size = 20; size <= 40; size += 5) {
        insertCheckpoint(c, forger, size);
      }
      commit(c);
    }
    VerificationResult r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBad().orElseThrow().seq()).isEqualTo(15);
    assertThat(r.firstBad().orElseThrow().reason()).contains("15");
  }

  private static void insertCheckpoint(Connection c, NoteSigner key, long size)
      throws SQLException {
    byte[] root = StoredTree.compute(c, src -> MerkleTree.root(src, size));
    SignedCheckpoint sc = SignedCheckpoint.sign(new Checkpoint(ORIGIN, size, root), key);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_checkpoint (tree_size, root_hash, note) VALUES (?, ?, ?)")) {
      ps.setLong(1, size);
      ps.setBytes(2, root);
      ps.setString(3, sc.note());
      ps.executeUpdate();
    }
  }

  private VerificationResult verify() {
    try {
      return LogVerification.database(db.superuser(), SIGNER.verifier(), trusted);
    } catch (ProofException e) {
      throw new AssertionError(e);
    }
  }

  private void assertNamed(long seq, String reason) {
    VerificationResult r = verify();
    assertThat(r.ok()).as(r.summary()).isFalse();
    assertThat(r.firstBad().orElseThrow().seq()).as(r.summary()).isEqualTo(seq);
    assertThat(r.firstBad().orElseThrow().reason()).contains(reason);
  }

  /** A superuser transaction with the append-only triggers disabled, as a rogue DBA would. */
  private Connection tamper() throws SQLException {
    Connection c = db.superuser().getConnection();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE audit_entry DISABLE TRIGGER USER");
      s.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER");
    }
    return c;
  }

  /** Re-enables the triggers (ALTER TABLE is transactional) and commits the tampering. */
  private static void commit(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String t : List.of("audit_entry", "audit_checkpoint")) {
        s.execute("ALTER TABLE " + t + " ENABLE ALWAYS TRIGGER " + t + "_append_only");
        s.execute("ALTER TABLE " + t + " ENABLE ALWAYS TRIGGER " + t + "_no_truncate");
      }
    }
    c.commit();
  }

  private void superuser(String... statements) throws SQLException {
    try (Connection c = tamper();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      commit(c);
    }
  }
}
