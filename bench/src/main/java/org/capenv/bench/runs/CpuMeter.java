package org.capenv.bench.runs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time spent by the three parties of the harness: the platform process, PostgreSQL (its
 * postmaster and every backend) and this process itself (the clients and the mock API server). On a
 * machine with few cores they share, so how much CPU one accepted run costs each of them says more
 * than the wall-clock rate alone. Of the platform's CPU, the part its JIT compiler threads spent is
 * also counted: a JVM that is still compiling is not yet measuring its steady state.
 */
final class CpuMeter {
  /** CPU nanoseconds of each party at one moment. */
  record Reading(long platform, long platformJit, long database, long harness) {
    Usage since(Reading before) {
      return new Usage(
          platform - before.platform,
          platformJit - before.platformJit,
          database - before.database,
          harness - before.harness);
    }
  }

  /** CPU nanoseconds each party spent between two readings. */
  record Usage(long platform, long platformJit, long database, long harness) {
    /** Four table cells: milliseconds of CPU per call for each party, and the platform's JIT. */
    String cells(int calls) {
      return String.format(
          "%.2f | %.2f | %.2f | %.2f",
          platform / 1e6 / calls,
          platformJit / 1e6 / calls,
          database / 1e6 / calls,
          harness / 1e6 / calls);
    }

    /** The share of the platform's CPU that its JIT compilers spent. */
    double jitShare() {
      return platform == 0 ? 0 : (double) platformJit / platform;
    }
  }

  /** Linux's USER_HZ, in which {@code stat} counts CPU time: 100 on every common platform. */
  private static final long TICKS_PER_SECOND = 100;

  private final ProcessHandle platform;
  private final ProcessHandle postmaster;

  /**
   * @param platform the platform's process
   * @param databasePort the port PostgreSQL listens on: its postmaster is the process started with
   *     it (backends started and ended between readings are not counted)
   */
  CpuMeter(ProcessHandle platform, int databasePort) {
    this.platform = platform;
    String port = Integer.toString(databasePort);
    this.postmaster =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && p.info()
                            .arguments()
                            .map(a -> java.util.List.of(a).contains(port))
                            .orElse(false))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no PostgreSQL process on port " + port));
  }

  Reading read() {
    long database = cpu(postmaster) + postmaster.descendants().mapToLong(CpuMeter::cpu).sum();
    return new Reading(cpu(platform), compilerThreads(platform.pid()), database, harness());
  }

  /**
   * CPU nanoseconds of the HotSpot compiler threads ({@code C1 CompilerThre}, {@code C2
   * CompilerThre}) of process {@code pid}, from Linux's per-thread {@code stat} files (0 where
   * there are none). Threads that ended between readings are not counted; HotSpot keeps at least
   * one of each.
   */
  static long compilerThreads(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return 0;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      return threads.mapToLong(CpuMeter::compilerTicks).sum() * (1_000_000_000L / TICKS_PER_SECOND);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long compilerTicks(Path task) {
    String stat;
    try {
      stat = Files.readString(task.resolve("stat"));
    } catch (IOException e) {
      return 0; // the thread ended meanwhile
    }
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    String name = stat.substring(open + 1, close);
    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
      return 0;
    }
    // after the name: state (field 3) ... utime (field 14), stime (field 15)
    String[] fields = stat.substring(close + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static long harness() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
