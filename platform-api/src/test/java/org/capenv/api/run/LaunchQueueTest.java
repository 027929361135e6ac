package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.capenv.api.run.service.LaunchOrder;
import org.capenv.api.run.service.LaunchQueue;
import org.capenv.audit.entry.Actor;
import org.junit.jupiter.api.Test;

/** The launch queue's bound: slots taken before recording, given back after the launch. */
class LaunchQueueTest {
  private static final Actor ALICE = Actor.system("test");

  @Test
  void slotsAreBoundedAndComeBackWhenReleasedOrLaunched() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<String> launched = new CopyOnWriteArrayList<>();
    try (LaunchQueue queue = new LaunchQueue(1, 2, order -> awaitThenAdd(go, launched, order))) {
      assertThat(queue.reserve()).isTrue();
      assertThat(queue.reserve()).isTrue();
      assertThat(queue.reserve()).as("full").isFalse();
      queue.release();
      assertThat(queue.reserve()).as("a released slot is free again").isTrue();

      queue.submit(new LaunchOrder("run-1", ALICE, Context.root()));
      queue.submit(new LaunchOrder("run-2", ALICE, Context.root()));
      assertThat(queue.reserve()).as("still full while both wait").isFalse();
      go.countDown();
      awaitTaken(queue, 0);
      assertThat(launched).containsExactly("run-1", "run-2");
      assertThat(queue.reserve()).isTrue();
    }
  }

  @Test
  void recoveryTakesSlotsBeyondTheCapacityAndQueuesARunOnce() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<String> launched = new CopyOnWriteArrayList<>();
    try (LaunchQueue queue = new LaunchQueue(1, 1, order -> awaitThenAdd(go, launched, order))) {
      assertThat(queue.recover(LaunchOrder.recovered("run-a"))).isTrue();
      assertThat(queue.recover(LaunchOrder.recovered("run-b"))).isTrue();
      assertThat(queue.recover(LaunchOrder.recovered("run-a"))).as("queued already").isFalse();
      assertThat(queue.taken()).isEqualTo(2);
      assertThat(queue.reserve()).as("new submissions wait for the recovered").isFalse();
      go.countDown();
      awaitTaken(queue, 0);
      assertThat(launched).containsExactly("run-a", "run-b");
    }
  }

  @Test
  void aFailingLaunchStillGivesItsSlotBack() throws Exception {
    try (LaunchQueue queue =
        new LaunchQueue(
            1,
            1,
            order -> {
              throw new IllegalStateException("refused");
            })) {
      assertThat(queue.reserve()).isTrue();
      queue.submit(LaunchOrder.recovered("run-x"));
      awaitTaken(queue, 0);
      assertThat(queue.reserve()).isTrue();
    }
  }

  @Test
  void aQueueNeedsAWorkerAndASlot() {
    assertThatThrownBy(() -> new LaunchQueue(0, 1, order -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LaunchQueue(1, 0, order -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void awaitThenAdd(CountDownLatch go, List<String> launched, LaunchOrder order) {
    try {
      go.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    launched.add(order.runId());
  }

  private static void awaitTaken(LaunchQueue queue, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (queue.taken() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(queue.taken()).isEqualTo(expected);
  }
}
