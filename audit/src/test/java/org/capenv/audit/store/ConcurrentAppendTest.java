package org.capenv.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.PostgresExtension.TestDatabase;
import org.capenv.audit.testing.Samples;
import org.capenv.audit.verify.LogVerification;
import org.capenv.audit.verify.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two independent store instances (each with its own connections, as two platform replicas would
 * have) append concurrently, durable and in-transaction, while both sign checkpoints.
 */
@ExtendWith(PostgresExtension.class)
class ConcurrentAppendTest {
  private static final String ORIGIN = "capenv.test/audit";

  @Test
  void twoReplicasHammeringOneLogProduceOneGapFreeVerifiableLog(TestDatabase db) throws Exception {
    NoteSigner signer = NoteSigner.generate(ORIGIN);
    int threadsPerReplica = 6;
    int rounds = 30;
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicBoolean appending = new AtomicBoolean(true);
    List<SignedCheckpoint> signed = new ArrayList<>();
    try (PostgresAuditStore a = new PostgresAuditStore(db.app(), ORIGIN, signer);
        PostgresAuditStore b = new PostgresAuditStore(db.app(), ORIGIN, signer)) {
      ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerReplica + 1);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 2 * threadsPerReplica; t++) {
        PostgresAuditStore store = t % 2 == 0 ? a : b;
        int thread = t;
        writers.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < rounds; r++) {
                    List<Appended> got;
                    if (r % 3 == 0) {
                      try (Connection c = db.app().getConnection()) {
                        c.setAutoCommit(false);
                        got = store.appendInTransaction(c, Samples.entries(thread * 1000 + r, 2));
                        c.commit();
                      }
                    } else {
                      got = store.appendDurable(Samples.entries(thread * 1000 + r, 1 + r % 4));
                    }
                    got.forEach(
                        x -> {
                          if (!acknowledged.add(x.seq())) {
                            duplicates.incrementAndGet();
                          }
                        });
                  }
                  return null;
                }));
      }
      Future<?> checkpointer =
          pool.submit(
              () -> {
                int i = 0;
                while (appending.get()) {
                  signed.add((i++ % 2 == 0 ? a : b).checkpoint());
                }
                return null;
              });
      for (Future<?> w : writers) {
        w.get();
      }
      appending.set(false);
      checkpointer.get();
      pool.shutdown();
      SignedCheckpoint last = a.checkpoint();
      signed.add(last);

      long expected = acknowledged.size();
      assertThat(duplicates.get()).isZero();
      assertThat(a.size()).isEqualTo(expected);
      assertThat(acknowledged).allMatch(s -> s >= 0 && s < expected);
      assertThat(last.checkpoint().size()).isEqualTo(expected);
      assertThat(signed.size()).isGreaterThan(2);
      for (int i = 1; i < signed.size(); i++) {
        var older = signed.get(i - 1).checkpoint();
        var newer = signed.get(i).checkpoint();
        assertThat(newer.size()).isGreaterThanOrEqualTo(older.size());
        b.consistencyProof(older.size(), newer.size()).verify(older.rootHash(), newer.rootHash());
      }
      VerificationResult r = LogVerification.database(db.app(), signer.verifier(), last.note());
      assertThat(r.ok()).as(r.summary()).isTrue();
      assertThat(r.entries()).isEqualTo(expected);
    }
  }
}
