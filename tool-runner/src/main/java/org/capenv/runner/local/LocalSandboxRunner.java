package org.capenv.runner.local;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.capenv.runner.Availability;
import org.capenv.runner.RunListener;
import org.capenv.runner.RunListeners;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunNotFoundException;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.RunnerException;
import org.capenv.runner.ToolRunner;
import org.capenv.runner.spec.RunSpec;

/**
 * Runs tools on this host inside a bubblewrap sandbox: new user, PID, network, IPC, UTS, cgroup and
 * mount namespaces; uid 65534; no capabilities; read-only root with only {@code /usr}, inputs
 * read-only at {@code /in}, {@code /out} and a size-limited throwaway {@code /tmp}; cleared
 * environment; dies with the platform. Limits: CPU time, address space, file size, open files,
 * processes and memory (cgroup v1 when writable), a wall-clock deadline, bounded logs and outputs.
 *
 * <p>If bubblewrap is missing or cannot create its namespaces, {@link #availability()} says why and
 * {@link #launch} refuses: there is no unsandboxed fallback. One runner owns a state folder at a
 * time (a file lock enforces it).
 */
public final class LocalSandboxRunner implements ToolRunner {
  private static final System.Logger LOG = System.getLogger(LocalSandboxRunner.class.getName());

  private final LocalSandboxConfig config;
  private final Path runsDir;
  private final boolean root;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ConcurrentMap<String, LocalRun> runs = new ConcurrentHashMap<>();
  private final RunListeners listeners = new RunListeners();
  private final SandboxStarter starter = new SandboxStarter();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "capenv-sandbox");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Availability availability;

  /**
   * Opens the state folder and takes its lock.
   *
   * @throws RunnerException if the folder cannot be created or another runner holds it
   */
  public LocalSandboxRunner(LocalSandboxConfig config) {
    this.config = config;
    this.runsDir = config.stateDir().resolve("runs");
    this.root = SandboxProbe.runningAsRoot();
    try {
      Files.createDirectories(runsDir);
      // the sandbox may run as 65534 and must traverse to its binds, but not list other runs
      Files.setPosixFilePermissions(runsDir, PosixFilePermissions.fromString("rwx--x--x"));
      lockChannel =
          FileChannel.open(
              runsDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
    } catch (IOException e) {
      throw new RunnerException("cannot open local runner state " + runsDir + ": " + e, e);
    }
    if (lock == null) {
      throw new RunnerException("another local runner already uses " + runsDir);
    }
  }

  @Override
  public Availability availability() {
    Optional<String> refusal = starter.refusal();
    if (refusal.isPresent()) {
      return Availability.no(refusal.get());
    }
    Availability result = availability;
    if (result == null || !result.available()) {
      result = SandboxProbe.probe(config, runsDir);
      availability = result;
    }
    return result;
  }

  @Override
  public void addListener(RunListener listener) {
    listeners.add(listener);
  }

  @Override
  public RunStatus launch(RunSpec spec) {
    Availability available = availability();
    if (!available.available()) {
      throw new RunnerException("local sandbox unavailable: " + available.detail());
    }
    synchronized (runs) {
      LocalRun existing = runs.get(spec.runId());
      if (existing != null) {
        return existing.status;
      }
      Path dir = runsDir.resolve(spec.runId());
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // launched by an earlier platform process: report, never start it a second time
        return reconcileOne(spec.runId(), dir);
      } catch (IOException e) {
        throw new RunnerException("cannot create run folder for " + spec.runId(), e);
      }
      LocalRun run = start(spec, dir);
      runs.put(spec.runId(), run);
      return run.status;
    }
  }

  private LocalRun start(RunSpec spec, Path dir) {
    Optional<Cgroups> cgroups = Optional.empty();
    try {
      LocalDirs.create(dir, root);
      InputStager.stage(spec.inputs(), dir.resolve("in"));
      cgroups =
          Cgroups.create(
              config.cgroupRoot(),
              spec.runId(),
              config.maxProcesses(),
              spec.resources().memoryBytes());
      LocalRun run = new LocalRun(spec, dir, cgroups);
      ProcessBuilder builder =
          SandboxCommand.processBuilder(
              SandboxCommand.build(
                  config, spec, run.inDir(), run.outDir(), root, cgroups.isPresent()));
      run.process = starter.start(builder, cgroups);
      RunSupervisor supervisor = new RunSupervisor(run, this::publish);
      run.stdoutPump =
          new BoundedPump(
              run.process.getInputStream(),
              run.stdoutSink(),
              run.stdoutLimit(),
              () -> {
                if (spec.stdoutOutput().isPresent()) {
                  run.requestStop(
                      new LocalRun.Stop(
                          "OutputLimitExceeded",
                          "stdout (output "
                              + spec.stdoutOutput().get()
                              + ") exceeded "
                              + run.stdoutLimit()
                              + " bytes",
                          false));
                }
              });
      run.stderrPump =
          new BoundedPump(
              run.process.getErrorStream(),
              run.stderrBuffer,
              spec.limits().logMaxBytes(),
              () -> {});
      run.status = RunStatus.of(spec.runId(), RunState.RUNNING, "", "sandbox started");
      threads.execute(run.stdoutPump);
      threads.execute(run.stderrPump);
      publish(run.status);
      threads.execute(supervisor);
      return run;
    } catch (IOException | RuntimeException e) {
      cgroups.ifPresent(Cgroups::remove);
      deleteQuietly(dir);
      if (e instanceof RunnerException runnerException) {
        throw runnerException;
      }
      throw new RunnerException("cannot start run " + spec.runId() + ": " + e.getMessage(), e);
    }
  }

  private void publish(RunStatus status) {
    listeners.publish(status);
  }

  @Override
  public RunStatus status(String runId) {
    LocalRun run = runs.get(runId);
    if (run != null) {
      return run.status;
    }
    return RunRecord.status(runId, record(runId));
  }

  @Override
  public RunLogs logs(String runId) {
    LocalRun run = runs.get(runId);
    if (run != null) {
      // captured with the run's end; until then, what the tool has written so far
      return run.status.state().isTerminal() ? run.logs : run.logsSoFar();
    }
    try {
      return RunRecord.logs(runsDir.resolve(runId), record(runId));
    } catch (IOException e) {
      throw new RunnerException("cannot read logs of " + runId, e);
    }
  }

  @Override
  public List<RunOutput> outputs(String runId) {
    LocalRun run = runs.get(runId);
    if (run != null) {
      return run.outputs;
    }
    return RunRecord.outputs(runsDir.resolve(runId), record(runId));
  }

  /** The run's record on disk stays: status, logs and outputs are then read from it. */
  @Override
  public void forget(String runId) {
    synchronized (runs) {
      LocalRun run = runs.get(runId);
      if (run != null && run.status.state().isTerminal()) {
        runs.remove(runId);
      }
    }
  }

  @Override
  public RunStatus cancel(String runId) {
    LocalRun run = runs.get(runId);
    if (run == null) {
      return status(runId);
    }
    if (!run.status.state().isTerminal()
        && run.requestStop(new LocalRun.Stop("Cancelled", "cancelled by the platform", true))) {
      new RunSupervisor(run, s -> {}).kill();
    }
    try {
      run.awaitFinished(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return run.status;
  }

  /** Waits until a run of this runner is terminal or the time is up; returns its status. */
  public RunStatus await(String runId, long millis) throws InterruptedException {
    LocalRun run = runs.get(runId);
    if (run == null) {
      return status(runId);
    }
    run.awaitFinished(millis);
    return run.status;
  }

  @Override
  public List<RunStatus> reconcile() {
    List<RunStatus> found = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runsDir, Files::isDirectory)) {
      for (Path dir : dirs) {
        String runId = dir.getFileName().toString();
        if (runId.startsWith(".")) {
          continue;
        }
        LocalRun run = runs.get(runId);
        found.add(run != null ? run.status : reconcileOne(runId, dir));
      }
    } catch (IOException e) {
      throw new RunnerException("cannot list runs in " + runsDir, e);
    }
    return found;
  }

  /**
   * A run folder without a live supervisor: its record if complete, otherwise the run was cut off
   * by a platform restart (its sandbox died with the old platform process, see {@code
   * --die-with-parent}); leftovers in its cgroups are killed and it is recorded as failed.
   */
  private RunStatus reconcileOne(String runId, Path dir) {
    Optional<Properties> record = RunRecord.read(dir);
    if (record.isPresent()) {
      return RunRecord.status(runId, record.get());
    }
    try {
      Cgroups.existing(config.cgroupRoot(), runId)
          .ifPresent(
              groups -> {
                groups
                    .members()
                    .forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
                groups.remove();
              });
      RunStatus status =
          RunStatus.of(
              runId,
              RunState.FAILED,
              "PlatformRestarted",
              "the platform stopped while the run was active; its sandbox was killed");
      RunRecord.write(dir, status, List.of(), RunLogs.empty());
      publish(status);
      return status;
    } catch (IOException e) {
      throw new RunnerException("cannot reconcile run " + runId, e);
    }
  }

  private Properties record(String runId) {
    return RunRecord.read(runsDir.resolve(runId))
        .orElseThrow(() -> new RunNotFoundException(runId));
  }

  private static void deleteQuietly(Path dir) {
    try {
      LocalDirs.delete(dir);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot remove " + dir, e);
    }
  }

  /** Kills runs still active (their records say Cancelled), then releases the state folder. */
  @Override
  public void close() {
    for (LocalRun run : runs.values()) {
      if (!run.status.state().isTerminal()) {
        cancel(run.spec.runId());
      }
    }
    threads.shutdown();
    starter.close();
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot release " + runsDir, e);
    }
  }
}
