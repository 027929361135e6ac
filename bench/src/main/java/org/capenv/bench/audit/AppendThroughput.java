package org.capenv.bench.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.store.PostgresAuditStore;

/**
 * Durable appends per second with 1, 8 and 64 concurrent callers, next to two baselines on the same
 * database in the same run: one plain INSERT + COMMIT per event, and the same payloads batched by
 * one writer thread (group commit) with no hashing and no log-head lock.
 */
final class AppendThroughput {
  private interface Appender {
    void append(long i) throws Exception;
  }

  private static final String INSERT =
      "INSERT INTO baseline_entry (seq, recorded_at, action, outcome, actor_subject, actor_force,"
          + " client_id, tool_name, case_reference, run_id, entry, leaf_hash, subtree_hashes)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final byte[] NO_HASH = new byte[32];
  private final AtomicLong baselineSeq = new AtomicLong();

  void run(int seconds) throws Exception {
    try (EmbeddedDb db = new EmbeddedDb()) {
      DataSource ds = db.database("bench_append");
      System.out.printf(
          Locale.ROOT, "%-8s %-28s %12s %8s%n", "callers", "mode", "appends/s", "vs batch");
      for (int callers : new int[] {1, 8, 64}) {
        double perEvent = measure(callers, seconds, perEventCommit(ds, callers));
        BatchWriter batch = new BatchWriter(ds);
        double batched = measure(callers, seconds, i -> batch.submit(i).get());
        batch.close();
        double durable;
        try (PostgresAuditStore store =
            new PostgresAuditStore(ds, "bench/audit", NoteSigner.generate("bench/audit"))) {
          durable =
              measure(callers, seconds, i -> store.appendDurable(List.of(BenchEntries.entry(i))));
        }
        print(callers, "baseline INSERT+COMMIT/event", perEvent, batched);
        print(callers, "baseline batched INSERTs", batched, batched);
        print(callers, "capenv appendDurable", durable, batched);
      }
    }
  }

  private static void print(int callers, String mode, double rate, double batched) {
    System.out.printf(
        Locale.ROOT, "%-8d %-28s %12.0f %8.2f%n", callers, mode, rate, rate / batched);
  }

  /**
   * Runs {@code callers} threads for a warm-up second, then counts completions for {@code seconds}.
   */
  private static double measure(int callers, int seconds, Appender appender) throws Exception {
    AtomicBoolean counting = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong done = new AtomicLong();
    AtomicLong next = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(callers);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  while (running.get()) {
                    appender.append(next.getAndIncrement());
                    if (counting.get()) {
                      done.incrementAndGet();
                    }
                  }
                } catch (Exception e) {
                  e.printStackTrace();
                } finally {
                  finished.countDown();
                }
              });
      threads.add(thread);
      thread.start();
    }
    Thread.sleep(1000);
    counting.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long count = done.get();
    long elapsed = System.nanoTime() - start;
    running.set(false);
    finished.await(60, TimeUnit.SECONDS);
    return count / (elapsed / 1e9);
  }

  private Appender perEventCommit(DataSource ds, int callers) {
    ThreadLocal<Connection> connection =
        ThreadLocal.withInitial(
            () -> {
              try {
                Connection c = ds.getConnection();
                c.setAutoCommit(false);
                return c;
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    return i -> {
      Connection c = connection.get();
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        bind(ps, baselineSeq.getAndIncrement(), BenchEntries.entry(i));
        ps.executeUpdate();
      }
      c.commit();
    };
  }

  private static void bind(PreparedStatement ps, long seq, AuditEntry e) throws SQLException {
    ps.setLong(1, seq);
    ps.setTimestamp(2, Timestamp.from(e.time()));
    ps.setString(3, e.action().code());
    ps.setString(4, e.outcome().code());
    ps.setString(5, e.actor().subject());
    ps.setString(6, e.actor().force());
    ps.setString(7, e.actor().clientId());
    ps.setString(8, e.tool().name());
    ps.setString(9, e.justification().caseReference());
    ps.setString(10, e.runId());
    ps.setBytes(11, EntryCodec.encode(seq, e));
    ps.setBytes(12, NO_HASH);
    ps.setBytes(13, new byte[0]);
  }

  /** Group commit of plain inserts: same batching as the log, minus lock, tree and hashing. */
  private final class BatchWriter implements AutoCloseable {
    private record Request(long i, CompletableFuture<Void> done) {}

    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    BatchWriter(DataSource ds) throws SQLException {
      Connection c = ds.getConnection();
      c.setAutoCommit(false);
      thread =
          new Thread(
              () -> {
                try (c) {
                  while (running.get()) {
                    Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                      continue;
                    }
                    List<Request> batch = new ArrayList<>(List.of(first));
                    queue.drainTo(batch, PostgresAuditStore.DEFAULT_MAX_BATCH - 1);
                    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                      for (Request r : batch) {
                        bind(ps, baselineSeq.getAndIncrement(), BenchEntries.entry(r.i()));
                        ps.addBatch();
                      }
                      ps.executeBatch();
                    }
                    c.commit();
                    batch.forEach(r -> r.done().complete(null));
                  }
                } catch (Exception e) {
                  e.printStackTrace();
                }
              });
      thread.start();
    }

    CompletableFuture<Void> submit(long i) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      queue.add(new Request(i, f));
      return f;
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
