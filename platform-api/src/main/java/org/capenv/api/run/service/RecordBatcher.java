package org.capenv.api.run.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Group commit of accepted runs (ADR 0097): one thread drains the records that concurrent requests
 * submit into a single transaction, so that the audit log's head lock, which every transaction
 * appending to the log holds until its commit, is taken once per batch rather than once per run.
 * While one batch commits, the next gathers.
 *
 * <p>Each caller waits until the transaction that holds its record committed, and gets its own
 * result. If a batch of several fails, nothing of it was written (one transaction): each record is
 * then committed again alone, so a record that cannot be written (a reused idempotency key, an
 * audit entry the log refuses) fails its own caller only, with its own failure.
 *
 * @param <T> a record to commit
 * @param <R> what committing it returns to its caller
 */
public final class RecordBatcher<T, R> implements AutoCloseable {
  private record Pending<T, R>(T item, CompletableFuture<R> result) {}

  /** The recorder was closed (the platform is stopping): the record was not written. */
  public static final class Closed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Closed() {
      super("the run recorder is closed");
    }
  }

  private final Function<List<T>, List<R>> commit;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param name the committing thread's name
   * @param maxBatch records committed together at most
   * @param commit writes its records in one transaction and returns their results in order, or
   *     throws and writes nothing
   */
  public RecordBatcher(String name, int maxBatch, Function<List<T>, List<R>> commit) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("a batch holds at least one record");
    }
    this.commit = commit;
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Commits {@code item} with whatever other records are waiting, and returns its result once the
   * commit returned.
   *
   * @throws Closed if the recorder was closed before this record was committed
   * @throws RuntimeException the failure of committing this record (alone, if its batch failed)
   */
  public R submit(T item) {
    CompletableFuture<R> result = new CompletableFuture<>();
    if (!running) {
      throw new Closed();
    }
    queue.add(new Pending<>(item, result));
    if (!running) {
      // closed meanwhile: the thread may have drained the queue already
      failPending();
    }
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** Records submitted and not yet taken into a commit. */
  public int waiting() {
    return queue.size();
  }

  private void run() {
    while (running) {
      Pending<T, R> first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (first == null) {
        continue;
      }
      List<Pending<T, R>> batch = new ArrayList<>();
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      if (!commit(batch) && batch.size() > 1) {
        batch.forEach(p -> commit(List.of(p)));
      }
    }
    failPending();
  }

  /** Commits the batch and completes its callers; false if it failed and nobody was answered. */
  private boolean commit(List<Pending<T, R>> batch) {
    List<R> results;
    try {
      results = commit.apply(batch.stream().map(Pending::item).toList());
      if (results.size() != batch.size()) {
        throw new IllegalStateException(
            results.size() + " results for a batch of " + batch.size() + " records");
      }
    } catch (RuntimeException | Error e) {
      if (batch.size() > 1) {
        return false;
      }
      batch.get(0).result().completeExceptionally(e);
      return true;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(results.get(i));
    }
    return true;
  }

  private void failPending() {
    Pending<T, R> p;
    while ((p = queue.poll()) != null) {
      p.result().completeExceptionally(new Closed());
    }
  }

  /** Stops taking records; a batch being committed finishes, records still waiting fail. */
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
