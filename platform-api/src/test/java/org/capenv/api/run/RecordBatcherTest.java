package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.capenv.api.run.service.RecordBatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit of accepted runs: records waiting while a commit runs share the next one, each
 * caller gets its own result, and a record that cannot be committed fails its own caller only.
 */
class RecordBatcherTest {
  private final ExecutorService callers = Executors.newFixedThreadPool(8);
  private final List<List<String>> commits = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  /** Commits by upper-casing; the first commit waits for the test; "bad" cannot be written. */
  private List<String> commit(List<String> batch) {
    commits.add(List.copyOf(batch));
    if (commits.size() == 1) {
      firstCommitStarted.countDown();
      await(releaseFirstCommit);
    }
    if (batch.contains("bad")) {
      throw new IllegalArgumentException("bad cannot be written");
    }
    return batch.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
  }

  @Test
  void recordsWaitingDuringACommitShareTheNextAndEachCallerGetsItsOwnResult() throws Exception {
    try (RecordBatcher<String, String> batcher = new RecordBatcher<>("test", 64, this::commit)) {
      Future<String> first = callers.submit(() -> batcher.submit("a"));
      assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> waiting = submitWhileBlocked(batcher, List.of("b", "c", "d"));
      releaseFirstCommit.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
      List<String> results = new ArrayList<>();
      for (Future<String> f : waiting) {
        results.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(results).containsExactly("B", "C", "D");
      assertThat(commits).hasSize(2);
      assertThat(commits.get(0)).containsExactly("a");
      assertThat(commits.get(1)).containsExactlyInAnyOrder("b", "c", "d");
    }
  }

  @Test
  void aRecordThatCannotBeWrittenFailsItsOwnCallerOnly() throws Exception {
    try (RecordBatcher<String, String> batcher = new RecordBatcher<>("test", 64, this::commit)) {
      Future<String> first = callers.submit(() -> batcher.submit("a"));
      assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> waiting = submitWhileBlocked(batcher, List.of("b", "bad", "c"));
      releaseFirstCommit.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
      assertThat(waiting.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("B");
      assertThat(waiting.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("C");
      assertThatThrownBy(() -> waiting.get(1).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalArgumentException.class)
          .hasRootCauseMessage("bad cannot be written");
      // the failed batch of three, then each of its records alone
      assertThat(commits.get(1)).containsExactlyInAnyOrder("b", "bad", "c");
      assertThat(commits.subList(2, commits.size()))
          .containsExactlyInAnyOrder(List.of("b"), List.of("bad"), List.of("c"));
    }
  }

  @Test
  void aBatchHoldsAtMostTheBoundAndACommitFailureReachesTheCallerUnwrapped() throws Exception {
    try (RecordBatcher<String, String> batcher = new RecordBatcher<>("test", 2, this::commit)) {
      Future<String> first = callers.submit(() -> batcher.submit("a"));
      assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> waiting = submitWhileBlocked(batcher, List.of("b", "c", "d", "e"));
      releaseFirstCommit.countDown();
      for (Future<String> f : waiting) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
      assertThat(commits).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
      assertThat(commits.stream().mapToInt(List::size).sum()).isEqualTo(5);

      assertThatThrownBy(() -> batcher.submit("bad"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bad cannot be written");
    }
  }

  @Test
  void aBatchHoldsAtLeastOneRecordAndAClosedBatcherRefuses() {
    Function<List<String>, List<String>> identity = batch -> batch;
    assertThatThrownBy(() -> new RecordBatcher<>("test", 0, identity))
        .isInstanceOf(IllegalArgumentException.class);
    RecordBatcher<String, String> batcher = new RecordBatcher<>("test", 4, identity);
    assertThat(batcher.submit("x")).isEqualTo("x");
    batcher.close();
    assertThatThrownBy(() -> batcher.submit("y")).isInstanceOf(RecordBatcher.Closed.class);
  }

  @Test
  void closingFinishesTheCommitUnderWayAndFailsTheRecordsStillWaiting() throws Exception {
    RecordBatcher<String, String> batcher = new RecordBatcher<>("test", 64, this::commit);
    Future<String> first = callers.submit(() -> batcher.submit("a"));
    assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
    List<Future<String>> waiting = submitWhileBlocked(batcher, List.of("b"));
    Thread closing = new Thread(batcher::close);
    closing.start();
    // close() stops the batcher, then waits for the commit under way (a timed join): the test
    // holds that commit until close() is waiting for it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (closing.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(closing.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    releaseFirstCommit.countDown();
    closing.join(20_000);
    assertThat(closing.isAlive()).isFalse();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
    // the waiting caller is told its record was not written (the platform answers 503), and it
    // never reached a commit
    assertThatThrownBy(() -> waiting.get(0).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RecordBatcher.Closed.class);
    assertThat(commits).containsExactly(List.of("a"));
  }

  /** Submits each record from its own thread and returns once all of them are waiting. */
  private List<Future<String>> submitWhileBlocked(
      RecordBatcher<String, String> batcher, List<String> records) throws InterruptedException {
    CountDownLatch submitted = new CountDownLatch(records.size());
    List<Future<String>> futures = new ArrayList<>();
    for (String r : records) {
      futures.add(
          callers.submit(
              () -> {
                submitted.countDown();
                return batcher.submit(r);
              }));
    }
    assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();
    // the blocked commit keeps the batcher from taking them until the test releases it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (batcher.waiting() < records.size() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(batcher.waiting()).isEqualTo(records.size());
    return futures;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
