package org.capenv.bench.runs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs {@code total} calls from {@code clients} threads and reports throughput and latency. */
final class Load {
  /** One call; returns normally on success and throws on any failure. */
  @FunctionalInterface
  interface Call {
    void run(int index) throws Exception;
  }

  /** What one level measured. */
  record Result(
      String what,
      int clients,
      int calls,
      int failures,
      double perSecond,
      double p50Ms,
      double p99Ms,
      double maxMs,
      CpuMeter.Usage cpu) {
    String row() {
      String cpuCells = cpu == null ? "– | – | – | –" : cpu.cells(calls);
      if (Double.isNaN(p50Ms)) {
        return String.format(
            "| %s | %d | %d | %d | %.0f | – | – | %.1f | %s |",
            what, clients, calls, failures, perSecond, maxMs, cpuCells);
      }
      return String.format(
          "| %s | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %s |",
          what, clients, calls, failures, perSecond, p50Ms, p99Ms, maxMs, cpuCells);
    }

    /**
     * How fast accepted runs left the launch queue: {@code calls} runs accepted from {@code
     * startNanos} were all launched (none PENDING) at {@code endNanos}; max is that whole time.
     */
    static Result drained(
        String what, int clients, int calls, long startNanos, long endNanos, CpuMeter.Usage cpu) {
      double seconds = (endNanos - startNanos) / 1e9;
      return new Result(
          what, clients, calls, 0, calls / seconds, Double.NaN, Double.NaN, seconds * 1e3, cpu);
    }
  }

  private Load() {}

  /**
   * Runs the calls and reports them, with the CPU that {@code meter} saw spent while they ran
   * (null: not measured).
   */
  static Result measure(String what, int clients, int total, Call call, CpuMeter meter)
      throws Exception {
    CpuMeter.Reading before = meter == null ? null : meter.read();
    long[] nanos = new long[total];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < total) {
                    long t0 = System.nanoTime();
                    try {
                      call.run(i);
                    } catch (Exception e) {
                      if (failures.getAndIncrement() == 0) {
                        System.err.println(what + ": first failure: " + e.getMessage());
                      }
                    }
                    nanos[i] = System.nanoTime() - t0;
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    CpuMeter.Usage cpu = meter == null ? null : meter.read().since(before);
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Result(
        what,
        clients,
        total,
        failures.get(),
        total / seconds,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6,
        cpu);
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
