package org.capenv.bench.audit;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.merkle.ConsistencyProof;
import org.capenv.audit.merkle.InclusionProof;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.PostgresAuditStore;

/** Inclusion and consistency proof latency from the database at a million entries. */
final class ProofLatency {
  void run(long entries, int samples) throws Exception {
    try (EmbeddedDb db = new EmbeddedDb()) {
      DataSource ds = db.database("bench_proofs");
      NoteSigner signer = NoteSigner.generate("bench/audit");
      long t0 = System.nanoTime();
      try (PostgresAuditStore writer = new PostgresAuditStore(ds, "bench/audit", signer);
          Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        int batch = 5000;
        for (long i = 0; i < entries; i += batch) {
          List<AuditEntry> chunk = new ArrayList<>(batch);
          for (long j = i; j < Math.min(entries, i + batch); j++) {
            chunk.add(BenchEntries.entry(j));
          }
          writer.appendInTransaction(c, chunk);
          c.commit();
        }
      }
      System.out.printf(
          Locale.ROOT, "filled %d entries in %.1f s%n", entries, (System.nanoTime() - t0) / 1e9);
      try (PostgresAuditStore store =
          new PostgresAuditStore(new ReusedConnection(ds), "bench/audit", signer)) {
        long t1 = System.nanoTime();
        SignedCheckpoint cp = store.checkpoint();
        System.out.printf(
            Locale.ROOT,
            "first checkpoint (re-hashes all %d entries) %.1f s%n",
            entries,
            (System.nanoTime() - t1) / 1e9);
        byte[] root = cp.checkpoint().rootHash();
        SplittableRandom random = new SplittableRandom(42);
        long[] inclusion = new long[samples];
        long[] consistency = new long[samples];
        for (int warm = 0; warm < 2; warm++) {
          for (int i = 0; i < samples; i++) {
            long seq = random.nextLong(entries);
            long s0 = System.nanoTime();
            InclusionProof p = store.inclusionProof(seq, entries);
            inclusion[i] = System.nanoTime() - s0;
            p.verify(root);
            long m = 1 + random.nextLong(entries - 1);
            long s1 = System.nanoTime();
            ConsistencyProof q = store.consistencyProof(m, entries);
            consistency[i] = System.nanoTime() - s1;
            if (i % 50 == 0) {
              q.verify(store.rootHash(m), root);
            }
          }
        }
        report("inclusion proof", inclusion);
        report("consistency proof", consistency);
      }
    }
  }

  private static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-18s n=%d p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
        what,
        s.length,
        s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.99)] / 1e6,
        s[s.length - 1] / 1e6);
  }
}
