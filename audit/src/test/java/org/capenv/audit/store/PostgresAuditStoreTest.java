package org.capenv.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.PostgresExtension.TestDatabase;
import org.capenv.audit.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresAuditStoreTest {
  static final String ORIGIN = "capenv.test/audit";
  static TestDatabase db;
  static NoteSigner signer;
  static PostgresAuditStore store;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    signer = NoteSigner.generate(ORIGIN);
    store = new PostgresAuditStore(db.app(), ORIGIN, signer);
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  @Test
  @Order(1)
  void durableAppendReturnsGapFreeSequenceNumbersAndLeafHashesOfTheStoredBytes() {
    List<Appended> first = store.appendDurable(Samples.entries(0, 5));
    List<Appended> second = store.appendDurable(Samples.entries(5, 3));
    assertThat(first).extracting(Appended::seq).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(second).extracting(Appended::seq).containsExactly(5L, 6L, 7L);
    for (int i = 0; i < 8; i++) {
      StoredEntry stored = store.get(i).orElseThrow();
      assertThat(stored.entry()).isEqualTo(Samples.entry(i));
      assertThat(stored.leafHash())
          .isEqualTo(MerkleHash.leafHash(EntryCodec.encode(i, Samples.entry(i))));
    }
    assertThat(second.get(2).leafHash()).isEqualTo(store.get(7).orElseThrow().leafHash());
    assertThat(store.size()).isEqualTo(8);
    assertThat(store.get(8)).isEmpty();
  }

  @Test
  @Order(2)
  void anAppendInTheCallersTransactionCommitsAndRollsBackWithTheBusinessRecord()
      throws SQLException {
    try (Connection c = db.app().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      List<Appended> rolledBack = store.appendInTransaction(c, Samples.entries(100, 2));
      assertThat(rolledBack.get(0).seq()).isEqualTo(8);
      c.rollback();
      assertThat(store.size()).isEqualTo(8);

      List<Appended> kept = store.appendInTransaction(c, Samples.entries(200, 2));
      assertThat(kept).extracting(Appended::seq).containsExactly(8L, 9L);
      c.commit();
    }
    assertThat(store.get(9).orElseThrow().entry()).isEqualTo(Samples.entry(201));
    try (Connection c = db.app().getConnection()) {
      assertThatThrownBy(() -> store.appendInTransaction(c, Samples.entries(0, 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("auto-commit");
    }
  }

  @Test
  @Order(3)
  void checkpointsAreSignedOnlyWhenTheTreeGrewAndProofsVerifyAgainstThem() throws ProofException {
    SignedCheckpoint first = store.checkpoint();
    assertThat(first.checkpoint().size()).isEqualTo(10);
    assertThat(store.checkpoint().note()).isEqualTo(first.note());
    assertThat(store.latestCheckpoint()).contains(first);
    SignedCheckpoint.verify(first.note(), NoteSigner.parse(signer.signerKeyText()).verifier());

    store.appendDurable(Samples.entries(10, 13));
    SignedCheckpoint second = store.checkpoint();
    assertThat(second.checkpoint().size()).isEqualTo(23);
    store
        .consistencyProof(10, 23)
        .verify(first.checkpoint().rootHash(), second.checkpoint().rootHash());
    for (long seq = 0; seq < 23; seq++) {
      store.inclusionProof(seq, 23).verify(second.checkpoint().rootHash());
    }
    store.inclusionProof(3, 10).verify(first.checkpoint().rootHash());
    assertThat(store.rootHash(23)).isEqualTo(second.checkpoint().rootHash());
    assertThatThrownBy(() -> store.inclusionProof(3, 24))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UPDATE audit_entry SET outcome = 'denied' WHERE seq = 1",
        "DELETE FROM audit_entry WHERE seq = 1",
        "TRUNCATE audit_entry",
        "UPDATE audit_checkpoint SET note = 'x'",
        "DELETE FROM audit_checkpoint",
        "TRUNCATE audit_checkpoint"
      })
  @Order(4)
  void theDatabaseRefusesChangesFromTheApplicationRoleAndFromTheOwner(String sql)
      throws SQLException {
    for (var ds : List.of(db.app(), db.superuser())) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute(sql))
            .isInstanceOf(SQLException.class)
            .hasMessageMatching("(?s).*(append-only|permission denied).*");
      }
    }
  }

  @Test
  @Order(5)
  void theAppendOnlyCheckPassesForTheApplicationRoleOnly() throws SQLException {
    try (Connection c = db.app().getConnection()) {
      AppendOnlyCheck.Report report = AppendOnlyCheck.check(c);
      assertThat(report.problems()).isEmpty();
      assertThat(report.appendOnly()).isTrue();
    }
    try (Connection c = db.superuser().getConnection()) {
      assertThat(AppendOnlyCheck.check(c).problems())
          .anyMatch(p -> p.contains("superuser"))
          .anyMatch(p -> p.contains("owns audit_entry"));
    }
    try (Connection c = db.superuser().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE sloppy_app LOGIN");
      s.execute("GRANT capenv_audit_writer TO sloppy_app");
      s.execute("GRANT UPDATE (outcome) ON audit_entry TO sloppy_app");
      s.execute("GRANT DELETE ON audit_checkpoint TO sloppy_app");
      s.execute("SET ROLE sloppy_app");
      assertThat(AppendOnlyCheck.check(c).problems())
          .containsExactlyInAnyOrder(
              "role sloppy_app has UPDATE on audit_entry",
              "role sloppy_app has DELETE on audit_checkpoint");
      s.execute("RESET ROLE");
      s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
      try (Connection app = db.app().getConnection()) {
        assertThat(AppendOnlyCheck.check(app).problems())
            .containsExactly(
                "trigger audit_entry_append_only on audit_entry is not ENABLE ALWAYS (D)");
      } finally {
        s.execute("ALTER TABLE audit_entry ENABLE ALWAYS TRIGGER audit_entry_append_only");
      }
    }
  }

  @Test
  @Order(6)
  void searchFiltersByEveryIndexedFieldAndPagesByCursor() {
    // entries so far: samples 0..7, 200, 201, 10..22
    List<Long> seen = new ArrayList<>();
    AuditQuery q = AuditQuery.all(4);
    while (true) {
      AuditPage page = store.search(q);
      page.entries().forEach(e -> seen.add(e.seq()));
      if (page.nextAfterSeq().isEmpty()) {
        break;
      }
      q = q.withAfterSeq(page.nextAfterSeq().getAsLong());
    }
    assertThat(seen).hasSize(23).isSorted().doesNotHaveDuplicates();

    assertThat(seqs(AuditQuery.all(100).withAction(Action.RUN_REQUESTED)))
        .isEqualTo(expected(e -> e.action() == Action.RUN_REQUESTED))
        .hasSize(8);
    assertThat(seqs(AuditQuery.all(100).withRunId("run-3"))).containsExactly(3L, 4L, 5L);
    assertThat(seqs(AuditQuery.all(100).withActorSubject("system:runner")))
        .isEqualTo(expected(e -> e.actor().subject().equals("system:runner")))
        .hasSize(8);
    assertThat(seqs(AuditQuery.all(100).withForce("essex").withCaseReference("OP-2")))
        .isEqualTo(
            expected(
                e ->
                    "essex".equals(e.actor().force())
                        && e.justification() != null
                        && "OP-2".equals(e.justification().caseReference())))
        .isNotEmpty();
    assertThat(seqs(AuditQuery.all(100).withOutcome(Outcome.DENIED)))
        .isEqualTo(expected(e -> e.outcome() == Outcome.DENIED))
        .isNotEmpty();
    assertThat(seqs(AuditQuery.all(100).withToolName("exif").withAction(Action.RUN_COMPLETED)))
        .isEqualTo(expected(e -> e.action() == Action.RUN_COMPLETED));
    assertThat(seqs(AuditQuery.all(100).withClientId("nobody"))).isEmpty();
    Instant t3 = Samples.entry(3).time();
    Instant t6 = Samples.entry(6).time();
    assertThat(seqs(AuditQuery.all(100).withTimeRange(t3, t6))).containsExactly(3L, 4L, 5L);
  }

  /** Sequence numbers whose entry matches, given the samples the earlier tests appended. */
  private static List<Long> expected(Predicate<AuditEntry> matches) {
    List<Integer> samples = new ArrayList<>();
    IntStream.range(0, 8).forEach(samples::add);
    samples.add(200);
    samples.add(201);
    IntStream.range(10, 23).forEach(samples::add);
    List<Long> out = new ArrayList<>();
    for (int seq = 0; seq < samples.size(); seq++) {
      if (matches.test(Samples.entry(samples.get(seq)))) {
        out.add((long) seq);
      }
    }
    return out;
  }

  private static List<Long> seqs(AuditQuery q) {
    return store.search(q).entries().stream().map(StoredEntry::seq).toList();
  }

  @Test
  @Order(7)
  void theLogRefusesToSignATreeThatDoesNotExtendTheLastCheckpoint() throws SQLException {
    store.appendDurable(Samples.entries(30, 2));
    try (Connection c = db.superuser().getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
      // seq 15 holds the level-4 subtree [0, 16) on which the signed tree of size 23 is built
      byte[] original = subtreeHashes(c, 15);
      byte[] damaged = original.clone();
      damaged[96] ^= 1;
      setSubtreeHashes(c, 15, damaged);
      assertThatThrownBy(() -> store.checkpoint())
          .isInstanceOf(AuditStoreException.class)
          .hasMessageContaining("refusing to sign")
          .hasMessageContaining("tree of size 23");
      setSubtreeHashes(c, 15, original);
      s.execute(
          "UPDATE audit_entry SET entry = convert_to(replace(convert_from(entry, 'UTF8'),"
              + " 'run-30', 'run-31'), 'UTF8') WHERE seq = 23");
      assertThatThrownBy(() -> store.checkpoint())
          .isInstanceOf(AuditStoreException.class)
          .hasMessageContaining("refusing to sign: entry 23: leaf hash expected");
      s.execute("ALTER TABLE audit_entry ENABLE ALWAYS TRIGGER audit_entry_append_only");
    }
  }

  private static byte[] subtreeHashes(Connection c, long seq) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT subtree_hashes FROM audit_entry WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }

  private static void setSubtreeHashes(Connection c, long seq, byte[] value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE audit_entry SET subtree_hashes = ? WHERE seq = ?")) {
      ps.setBytes(1, value);
      ps.setLong(2, seq);
      ps.executeUpdate();
    }
  }
}
