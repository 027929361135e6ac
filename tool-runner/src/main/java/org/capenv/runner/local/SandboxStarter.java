package org.capenv.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.capenv.runner.RunnerException;

/**
 * Starts every sandbox of a runner from one long-lived platform thread, inside the run's cgroups
 * from the process's very first instruction, without a helper process.
 *
 * <p><b>One thread that outlives the sandboxes.</b> bubblewrap's {@code --die-with-parent} is a
 * parent-death signal, which Linux sends when the <em>thread</em> that forked the process ends, not
 * the process. A sandbox started from a pooled or short-lived caller thread would be killed when
 * that thread retires; this thread lives until the runner is closed, after its runs.
 *
 * <p><b>Cgroups without a shell.</b> cgroup v1 places a new task in the groups of the thread that
 * forks it. The start thread writes its own thread id to each group's {@code tasks} file, starts
 * the process (the JDK forks from the calling thread), then moves itself back — together with any
 * thread of this JVM that appeared in the groups meanwhile (the JDK creates its process-reaper
 * thread inside {@code start()}). The JDK's spawn helper, {@code chroot}, {@code prlimit},
 * bubblewrap and the tool are all counted and limited from the start. While the thread is inside,
 * the memory group's charges are unaffected (cgroup v1 charges the owner of an address space, the
 * JVM's first thread, which never moves) and its OOM killer cannot choose the JVM (it considers
 * thread-group leaders only); the thread counts as one task against {@code pids.max}.
 *
 * <p>If the thread cannot leave a run's groups, that launch fails, its process is killed, and every
 * later launch is refused: a platform thread is never left to spawn inside another run's limits.
 */
final class SandboxStarter implements AutoCloseable {
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  private static final Path OWN_TASKS = Path.of("/proc/self/task");

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread started = new Thread(task, "capenv-sandbox-start");
            started.setDaemon(true);
            return started;
          });
  private volatile String broken;

  /** Why starts are refused, if a platform thread could not leave a run's cgroups. */
  Optional<String> refusal() {
    return Optional.ofNullable(broken);
  }

  /** Starts {@code builder}'s process, inside {@code cgroups} when present. */
  Process start(ProcessBuilder builder, Optional<Cgroups> cgroups) throws IOException {
    if (broken != null) {
      throw new RunnerException("local sandbox starts refused: " + broken);
    }
    Future<Process> started =
        thread.submit(
            () ->
                cgroups.isPresent()
                    ? startInside(cgroups.get().groups(), builder)
                    : builder.start());
    boolean interrupted = false;
    try {
      while (true) {
        try {
          // never abandon a start: the process may be about to exist
          return started.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new RunnerException("cannot start the sandbox: " + e.getCause(), e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Process startInside(List<Path> groups, ProcessBuilder builder) throws IOException {
    List<Path> homes = new ArrayList<>();
    List<String> memberships = Files.readAllLines(THREAD_SELF.resolve("cgroup"));
    for (Path group : groups) {
      homes.add(home(group, memberships));
    }
    String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
    List<Path> joined = new ArrayList<>();
    Process process = null;
    try {
      for (Path group : groups) {
        Files.writeString(group.resolve("tasks"), tid, StandardCharsets.US_ASCII);
        joined.add(group);
      }
      process = builder.start();
    } finally {
      leave(joined, homes, process);
    }
    return process;
  }

  private void leave(List<Path> joined, List<Path> homes, Process process) throws IOException {
    try {
      for (int i = 0; i < joined.size(); i++) {
        for (String tid : ownThreadsIn(joined.get(i))) {
          Files.writeString(homes.get(i).resolve("tasks"), tid, StandardCharsets.US_ASCII);
        }
        if (!ownThreadsIn(joined.get(i)).isEmpty()) {
          throw new IOException("a platform thread is still in " + joined.get(i));
        }
      }
    } catch (IOException | RuntimeException e) {
      broken = "a platform thread could not leave a run's cgroups: " + e.getMessage();
      if (process != null) {
        process.destroyForcibly();
      }
      throw new IOException(broken, e);
    }
  }

  /**
   * The group this thread is in, in the hierarchy of {@code group} ({@code
   * <hierarchy>/capenv/<run>}), from {@code /proc/thread-self/cgroup} lines {@code
   * id:controller[,controller...]:/path}.
   */
  private static Path home(Path group, List<String> memberships) throws IOException {
    Path hierarchy = group.getParent().getParent();
    String controller = hierarchy.getFileName().toString();
    for (String line : memberships) {
      String[] fields = line.split(":", 3);
      if (fields.length == 3 && List.of(fields[1].split(",")).contains(controller)) {
        return hierarchy.resolve(fields[2].substring(1));
      }
    }
    throw new IOException("the start thread is in no " + controller + " cgroup");
  }

  /** Thread ids of this JVM listed in a group's {@code tasks}. */
  private static List<String> ownThreadsIn(Path group) throws IOException {
    List<String> own = new ArrayList<>();
    for (String line : Files.readAllLines(group.resolve("tasks"), StandardCharsets.US_ASCII)) {
      String tid = line.trim();
      if (!tid.isEmpty() && Files.exists(OWN_TASKS.resolve(tid))) {
        own.add(tid);
      }
    }
    return own;
  }

  /** Ends the start thread; call only once no sandbox it started is still running. */
  @Override
  public void close() {
    thread.shutdown();
  }
}
