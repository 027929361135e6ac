package org.capenv.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Per-run cgroup v1 groups for the {@code pids} and {@code memory} controllers.
 *
 * <p>The sandbox is started inside them (see {@link SandboxStarter}), so every process of the run
 * is counted from its first instruction. When the hierarchy is absent or not writable the run uses
 * rlimits only, and {@link #describe(Optional)} says so.
 */
final class Cgroups {
  private static final String PARENT = "capenv";
  private static final long REMOVE_WAIT_MILLIS = 2_000;
  private static final long MAX_PAUSE_MILLIS = 50;

  private final List<Path> groups;

  private Cgroups(List<Path> groups) {
    this.groups = List.copyOf(groups);
  }

  /** Whether both controllers can be used under this root (checked by making the parent group). */
  static boolean usable(Optional<Path> root) {
    if (root.isEmpty()) {
      return false;
    }
    for (String controller : List.of("pids", "memory")) {
      Path parent = root.get().resolve(controller).resolve(PARENT);
      try {
        Files.createDirectories(parent);
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
      if (!Files.isWritable(parent)) {
        return false;
      }
    }
    return true;
  }

  static String describe(Optional<Path> root) {
    return usable(root)
        ? "cgroup v1 pids and memory limits under " + root.get()
        : "no writable cgroup v1 pids/memory hierarchy: limits by rlimits only"
            + " (RLIMIT_NPROC, RLIMIT_AS)";
  }

  /** Makes the run's groups and writes its limits; empty when cgroups are not usable. */
  static Optional<Cgroups> create(
      Optional<Path> root, String runId, int maxProcesses, long memoryBytes) throws IOException {
    if (!usable(root)) {
      return Optional.empty();
    }
    Path pids = root.get().resolve("pids").resolve(PARENT).resolve(runId);
    Path memory = root.get().resolve("memory").resolve(PARENT).resolve(runId);
    Files.createDirectories(pids);
    Files.createDirectories(memory);
    Cgroups groups = new Cgroups(List.of(pids, memory));
    write(pids.resolve("pids.max"), Integer.toString(maxProcesses));
    write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
    Path swap = memory.resolve("memory.memsw.limit_in_bytes");
    if (Files.exists(swap)) {
      // memory plus swap equal to memory: the run cannot spill into swap
      write(swap, Long.toString(memoryBytes));
    }
    return Optional.of(groups);
  }

  /** The groups of an earlier run, if they still exist (found by reconcile after a restart). */
  static Optional<Cgroups> existing(Optional<Path> root, String runId) {
    if (root.isEmpty()) {
      return Optional.empty();
    }
    List<Path> found = new ArrayList<>();
    for (String controller : List.of("pids", "memory")) {
      Path group = root.get().resolve(controller).resolve(PARENT).resolve(runId);
      if (Files.isDirectory(group)) {
        found.add(group);
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(new Cgroups(found));
  }

  /** The groups, each {@code <root>/<controller>/capenv/<run id>}. */
  List<Path> groups() {
    return groups;
  }

  /** The groups' {@code cgroup.procs} files. */
  List<Path> procsFiles() {
    List<Path> files = new ArrayList<>();
    for (Path group : groups) {
      files.add(group.resolve("cgroup.procs"));
    }
    return files;
  }

  /**
   * Pids still in the run's groups (a process that escaped the process tree is still here). Never
   * the platform's own pid, which a platform thread in the groups would make appear.
   */
  List<Long> members() {
    long own = ProcessHandle.current().pid();
    List<Long> pids = new ArrayList<>();
    for (Path procs : procsFiles()) {
      try {
        for (String line : Files.readAllLines(procs, StandardCharsets.US_ASCII)) {
          if (!line.isBlank() && Long.parseLong(line.trim()) != own) {
            pids.add(Long.parseLong(line.trim()));
          }
        }
      } catch (IOException e) {
        // a group already removed has no members
      }
    }
    return pids;
  }

  /** Whether the kernel's OOM killer acted inside the run's memory group. */
  boolean memoryLimitHit() {
    for (Path group : groups) {
      Path control = group.resolve("memory.oom_control");
      try {
        for (String line : Files.readAllLines(control, StandardCharsets.US_ASCII)) {
          if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
            return true;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // not the memory group, or the kernel does not report OOM kills: no evidence of one
      }
    }
    return false;
  }

  /**
   * Kills what is left in the groups, waits (up to two seconds) for the kernel to take it out of
   * them, then removes the groups; the kernel refuses to remove a group that still has members.
   *
   * <p>After a normal exit there is usually one member left: bubblewrap's PID 1, which its parent
   * does not wait for and which leaves its groups only at the very end of its exit, after its mount
   * namespace is torn down (an RCU grace period: milliseconds, more under load). The waits
   * therefore start at one millisecond and double up to {@value #MAX_PAUSE_MILLIS} ms: a fixed 50
   * ms pause cost every such run 50 ms before its terminal status.
   */
  void remove() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REMOVE_WAIT_MILLIS);
    long pause = 1;
    for (List<Long> left = members();
        !left.isEmpty() && System.nanoTime() < deadline;
        left = members()) {
      left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pause = Math.min(2 * pause, MAX_PAUSE_MILLIS);
    }
    for (Path group : groups) {
      try {
        Files.deleteIfExists(group);
      } catch (IOException e) {
        // left for the next reconcile, which kills members and retries
      }
    }
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }
}
