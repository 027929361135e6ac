package org.capenv.api.run.service;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A bounded queue of accepted runs served by a fixed pool of launch workers.
 *
 * <p>A slot is reserved <em>before</em> the run is recorded and released when its launch has
 * finished (or when recording failed), so a full queue refuses a submission before anything is
 * written, and the number of accepted-but-not-launched runs never exceeds the capacity. Runs
 * recovered at start take a slot without being refused: they were accepted already.
 *
 * <p>A run id is queued at most once at a time, so a recovery pass may be repeated safely.
 */
public final class LaunchQueue implements AutoCloseable {
  private final int capacity;
  private final AtomicInteger taken = new AtomicInteger();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor workers;
  private final Consumer<LaunchOrder> launch;

  /**
   * @param workers threads that launch
   * @param capacity accepted runs that may wait for, or be in, a launch
   * @param launch what a worker does with an order; it handles its own failures
   */
  public LaunchQueue(int workers, int capacity, Consumer<LaunchOrder> launch) {
    if (workers < 1 || capacity < 1) {
      throw new IllegalArgumentException("launch workers and queue capacity must be at least 1");
    }
    this.capacity = capacity;
    this.launch = launch;
    AtomicInteger number = new AtomicInteger();
    // unbounded work queue: the slots bound it, and a reserved slot must never be refused later
    this.workers =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> new Thread(r, "capenv-run-launch-" + number.incrementAndGet()));
  }

  /** Takes a slot for a run about to be recorded; false when the queue is full. */
  public boolean reserve() {
    while (true) {
      int now = taken.get();
      if (now >= capacity) {
        return false;
      }
      if (taken.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot whose run was not recorded. */
  public void release() {
    taken.decrementAndGet();
  }

  /** Queues a recorded run on the slot reserved for it. */
  public void submit(LaunchOrder order) {
    if (!queued.add(order.runId())) {
      release();
      return;
    }
    workers.execute(() -> run(order));
  }

  /**
   * Queues a run recorded before the platform started, taking a slot even beyond the capacity.
   *
   * @return false if the run is queued or being launched already
   */
  public boolean recover(LaunchOrder order) {
    if (!queued.add(order.runId())) {
      return false;
    }
    taken.incrementAndGet();
    workers.execute(() -> run(order));
    return true;
  }

  /** Slots taken: runs reserved, waiting or being launched. */
  public int taken() {
    return taken.get();
  }

  private void run(LaunchOrder order) {
    try {
      launch.accept(order);
    } finally {
      queued.remove(order.runId());
      taken.decrementAndGet();
    }
  }

  /**
   * Stops taking work: runs still waiting are dropped (they stay PENDING in the database and are
   * recovered on the next start); launches in progress may finish within {@code grace}.
   */
  public void close(Duration grace) {
    workers.getQueue().clear();
    workers.shutdown();
    try {
      workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
