package org.capenv.audit.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EncodedEntry;
import org.capenv.audit.merkle.Frontier;

/**
 * One writer thread that drains concurrent append requests into a single transaction: while one
 * commit waits for the disk, the next batch gathers. Each caller's future completes only after the
 * commit that holds its entries returned successfully.
 */
final class GroupCommitter implements AutoCloseable {
  private record Request(List<EncodedEntry> entries, CompletableFuture<List<Appended>> result) {}

  private final DataSource dataSource;
  private final int maxBatchEntries;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private Connection connection;

  /**
   * The tree's right edge after this writer's last commit, or null when unknown: saves reading the
   * stored nodes when no other writer appended in between (checked under the head lock).
   */
  private Frontier head;

  GroupCommitter(DataSource dataSource, int maxBatchEntries) {
    this.dataSource = dataSource;
    this.maxBatchEntries = maxBatchEntries;
    this.thread = new Thread(this::run, "capenv-audit-group-commit");
    thread.setDaemon(true);
    thread.start();
  }

  CompletableFuture<List<Appended>> submit(List<AuditEntry> entries) {
    CompletableFuture<List<Appended>> f = new CompletableFuture<>();
    if (!running) {
      f.completeExceptionally(new AuditStoreException("audit log is closed"));
      return f;
    }
    List<EncodedEntry> encoded;
    try {
      // on the caller's thread, in parallel with other callers and outside the head lock; an entry
      // without a canonical form fails its own caller only, not the batch it would have joined
      encoded = Appender.encode(entries);
    } catch (RuntimeException e) {
      f.completeExceptionally(new AuditStoreException("audit append failed: " + e.getMessage(), e));
      return f;
    }
    queue.add(new Request(encoded, f));
    return f;
  }

  private void run() {
    while (running) {
      Request first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (first == null) {
        continue;
      }
      List<Request> batch = new ArrayList<>();
      batch.add(first);
      int count = first.entries().size();
      Request next;
      while (count < maxBatchEntries && (next = queue.poll()) != null) {
        batch.add(next);
        count += next.entries().size();
      }
      commit(batch, count);
    }
    failPending();
    closeConnection();
  }

  private void commit(List<Request> batch, int count) {
    List<EncodedEntry> all = new ArrayList<>(count);
    batch.forEach(r -> all.addAll(r.entries()));
    List<Appended> appended;
    try {
      Connection c = connection();
      try {
        Appender.Batch done = Appender.appendEncoded(c, all, head);
        head = null;
        c.commit();
        head = done.head();
        appended = done.appended();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      head = null;
      // the connection may be broken: start afresh next time
      closeConnection();
      AuditStoreException failure =
          new AuditStoreException("audit append failed: " + e.getMessage(), e);
      batch.forEach(r -> r.result().completeExceptionally(failure));
      return;
    }
    int at = 0;
    for (Request r : batch) {
      int n = r.entries().size();
      r.result().complete(List.copyOf(appended.subList(at, at + n)));
      at += n;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
    }
    return connection;
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException suppressed) {
      // the original failure is what the callers need; the connection is discarded anyway
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing a broken connection: nothing left to release
      }
      connection = null;
    }
  }

  private void failPending() {
    Request r;
    while ((r = queue.poll()) != null) {
      r.result().completeExceptionally(new AuditStoreException("audit log is closed"));
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failPending();
  }
}
