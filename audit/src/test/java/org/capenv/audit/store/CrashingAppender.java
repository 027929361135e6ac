package org.capenv.audit.store;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.testing.Samples;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Child process of {@link CrashTest}: appends durably from four threads for ever and prints {@code
 * ack <seq> <leaf hex>} for every acknowledged entry, until it is killed.
 */
public final class CrashingAppender {
  private CrashingAppender() {}

  public static void main(String[] args) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(args[0]);
    ds.setUser(args[1]);
    ds.setPassword(args[2]);
    PrintStream out = System.out;
    PostgresAuditStore store =
        new PostgresAuditStore(ds, "capenv.test/audit", NoteSigner.generate("capenv.test/audit"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      int thread = t;
      pool.submit(
          () -> {
            for (int i = 0; ; i++) {
              List<Appended> got =
                  store.appendDurable(Samples.entries(thread * 100_000 + i, 1 + i % 3));
              synchronized (out) {
                for (Appended a : got) {
                  out.println("ack " + a.seq() + " " + Hex.of(a.leafHash()));
                }
                out.flush();
              }
            }
          });
    }
  }
}
