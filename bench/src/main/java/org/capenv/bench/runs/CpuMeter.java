package org.capenv.bench.runs;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time spent by the three parties of the harness: the platform process, PostgreSQL (its
 * postmaster and every backend) and this process itself (the clients and the mock API server). On a
 * machine with few cores they share, so how much CPU one accepted run costs each of them says more
 * than the wall-clock rate alone.
 */
final class CpuMeter {
  /** CPU nanoseconds of each party at one moment. */
  record Reading(long platform, long database, long harness) {
    Usage since(Reading before) {
      return new Usage(
          platform - before.platform, database - before.database, harness - before.harness);
    }
  }

  /** CPU nanoseconds each party spent between two readings. */
  record Usage(long platform, long database, long harness) {
    /** Three table cells: milliseconds of CPU per call for each party. */
    String cells(int calls) {
      return String.format(
          "%.2f | %.2f | %.2f",
          platform / 1e6 / calls, database / 1e6 / calls, harness / 1e6 / calls);
    }
  }

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
    return new Reading(cpu(platform), database, harness());
  }

  private static long cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static long harness() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
