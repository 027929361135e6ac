package org.capenv.runner.spec;

import java.time.Duration;

/**
 * Resource limits from the manifest.
 *
 * @param cpuMillicores CPU limit (1000 = one core); locally also sets the CPU-time rlimit
 * @param memoryBytes memory limit
 * @param timeout wall-clock deadline of the whole run
 */
public record Resources(long cpuMillicores, long memoryBytes, Duration timeout) {
  private static final long MIN_MEMORY = 16L * 1024 * 1024;

  public Resources {
    if (cpuMillicores < 10) {
      throw new InvalidRunSpecException("cpuMillicores must be at least 10, got " + cpuMillicores);
    }
    if (memoryBytes < MIN_MEMORY) {
      throw new InvalidRunSpecException("memoryBytes must be at least 16 MiB, got " + memoryBytes);
    }
    if (timeout == null || timeout.isNegative() || timeout.toMillis() < 1000) {
      throw new InvalidRunSpecException("timeout must be at least 1 s, got " + timeout);
    }
  }

  /** CPU seconds the run may consume over its whole deadline, never less than one. */
  public long cpuSecondsBudget() {
    long seconds = (timeout.toMillis() * cpuMillicores + 999_999) / 1_000_000;
    return Math.max(1, seconds);
  }
}
