package org.capenv.runner.local;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;

/**
 * Watches one sandbox until it ends: enforces the wall-clock deadline and the output limits while
 * it runs, kills every process of the run, then captures logs and outputs and publishes the
 * terminal status (exactly once, after the record is on disk).
 */
final class RunSupervisor implements Runnable {
  private static final System.Logger LOG = System.getLogger(RunSupervisor.class.getName());
  private static final long POLL_MILLIS = 100;

  /** More entries than this in /out means a tool is exhausting inodes, not writing results. */
  static final int MAX_OUTPUT_ENTRIES = 1000;

  private final LocalRun run;
  private final Consumer<RunStatus> publish;

  RunSupervisor(LocalRun run, Consumer<RunStatus> publish) {
    this.run = run;
    this.publish = publish;
  }

  @Override
  public void run() {
    try {
      watch();
      finish();
    } catch (RuntimeException | InterruptedException e) {
      LOG.log(Level.ERROR, "supervisor of run " + run.spec.runId() + " failed", e);
      run.requestStop(new LocalRun.Stop("RunnerError", "runner error: " + e.getMessage(), false));
      kill();
      complete(RunStatus.of(run.spec.runId(), RunState.FAILED, "RunnerError", e.getMessage()));
    } finally {
      run.finished.countDown();
    }
  }

  private void watch() throws InterruptedException {
    long deadline = run.startedNanos + run.spec.resources().timeout().toNanos();
    Process process = run.process;
    while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (System.nanoTime() > deadline) {
        run.requestStop(
            new LocalRun.Stop(
                "DeadlineExceeded",
                "killed after the " + run.spec.resources().timeout().toSeconds() + " s deadline",
                false));
      }
      checkOutputUsage();
      if (run.stop.get() != null) {
        kill();
      }
    }
    // the tool's own children die with the sandbox's PID namespace; kill whatever is left anyway,
    // but not through Process.destroy: on a process that has exited it only closes the pipes,
    // under the pumps still reading the last of its output ("Stream closed")
    killLeftovers();
    run.stdoutPump.await(5_000);
    run.stderrPump.await(5_000);
  }

  private void checkOutputUsage() {
    long bytes = 0;
    int entries = 0;
    try (Stream<Path> walk = Files.walk(run.outDir())) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        entries++;
        bytes += Files.isRegularFile(path) ? Files.size(path) : 0;
      }
    } catch (IOException | RuntimeException e) {
      return; // files come and go while the tool runs; the final check is exact
    }
    if (bytes > run.spec.limits().outputMaxBytes() || entries > MAX_OUTPUT_ENTRIES) {
      run.requestStop(
          new LocalRun.Stop(
              "OutputLimitExceeded",
              "/out reached "
                  + bytes
                  + " bytes in "
                  + (entries - 1)
                  + " entries, limit "
                  + run.spec.limits().outputMaxBytes()
                  + " bytes",
              false));
    }
  }

  /**
   * Kills the sandbox and everything it started. With cgroups, the run's groups list every process
   * of the run (even one that left the process tree), so reading them replaces a walk of the host's
   * whole process table; without, the sandbox's descendants are killed.
   */
  void kill() {
    killLeftovers();
    if (run.process != null) {
      run.process.destroyForcibly();
    }
  }

  /**
   * Kills everything the sandbox process started, not the process itself: once that has exited,
   * {@code Process.destroy} would only close the pipes its output pumps still read.
   */
  private void killLeftovers() {
    if (run.cgroups.isEmpty() && run.process != null) {
      run.process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
    run.cgroups.ifPresent(
        groups ->
            groups
                .members()
                .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)));
  }

  private void finish() {
    int exit = run.process.exitValue();
    RunLogs logs = run.logsSoFar();
    LocalRun.Stop stop = run.stop.get();
    String id = run.spec.runId();
    List<RunOutput> outputs = List.of();
    RunStatus status;
    if (stop != null) {
      status =
          RunStatus.exited(
              id,
              stop.cancelled() ? RunState.CANCELLED : RunState.FAILED,
              exit,
              stop.reason(),
              stop.message());
    } else if (exit == 0
        && (run.stdoutPump.ioError() != null || run.stderrPump.ioError() != null)) {
      IOException cause =
          run.stdoutPump.ioError() != null ? run.stdoutPump.ioError() : run.stderrPump.ioError();
      LOG.log(Level.WARNING, "run " + id + ": reading its output streams failed", cause);
      status =
          RunStatus.exited(
              id, RunState.FAILED, 0, "CaptureFailed", "reading the tool's output streams failed");
    } else if (exit == 0) {
      try {
        moveStdoutIntoOutputs();
        outputs = OutputCollector.collect(run.spec, run.outDir());
        status =
            RunStatus.exited(id, RunState.SUCCEEDED, 0, "Completed", outputs.size() + " outputs");
      } catch (OutputRejectedException e) {
        status = RunStatus.exited(id, RunState.FAILED, 0, e.reason(), e.getMessage());
      }
    } else {
      status = RunStatus.exited(id, RunState.FAILED, exit, exitReason(exit), exitMessage(exit));
    }
    run.outputs = outputs;
    run.logs = logs;
    try {
      RunRecord.write(run.dir, status, outputs, logs);
    } catch (IOException e) {
      LOG.log(Level.ERROR, "cannot record run " + id, e);
      status = RunStatus.exited(id, RunState.FAILED, exit, "RunnerError", "cannot record the run");
      run.outputs = List.of();
    }
    run.cgroups.ifPresent(Cgroups::remove);
    complete(status);
  }

  private void complete(RunStatus status) {
    run.status = status;
    publish.accept(status);
  }

  private void moveStdoutIntoOutputs() throws OutputRejectedException {
    Optional<String> name = run.spec.stdoutOutput();
    if (name.isEmpty()) {
      return;
    }
    Path target = run.outDir().resolve(name.get());
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new OutputRejectedException(
          "OutputRejected", "/out/" + name.get() + " was written by the tool and is also stdout");
    }
    try {
      Files.move(run.stdoutCapture(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new OutputRejectedException("OutputRejected", "cannot keep stdout: " + e.getMessage());
    }
  }

  private String exitReason(int exit) {
    return switch (exit) {
      case 152 -> "CpuTimeLimitExceeded";
      case 153 -> "FileSizeLimitExceeded";
      case 137 ->
          run.cgroups.map(Cgroups::memoryLimitHit).orElse(false) ? "MemoryLimitExceeded" : "Killed";
      default -> "NonZeroExit";
    };
  }

  private static String exitMessage(int exit) {
    return exit > 128 ? "killed by signal " + (exit - 128) : "exited with status " + exit;
  }
}
