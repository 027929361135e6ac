package org.capenv.runner.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunStatus;
import org.capenv.runner.spec.RunSpec;

/** Mutable state of one local run, owned by its supervisor thread. */
final class LocalRun {
  final RunSpec spec;
  final Path dir;
  final Optional<Cgroups> cgroups;
  final long startedNanos = System.nanoTime();
  final CountDownLatch finished = new CountDownLatch(1);

  /** First reason to stop the run early (deadline, cancel, limit); later ones are ignored. */
  final AtomicReference<Stop> stop = new AtomicReference<>();

  volatile Process process;
  volatile RunStatus status;
  volatile List<RunOutput> outputs = List.of();
  volatile RunLogs logs = RunLogs.empty();

  BoundedPump stdoutPump;
  BoundedPump stderrPump;
  ByteArrayOutputStream stdoutBuffer;
  final ByteArrayOutputStream stderrBuffer = new ByteArrayOutputStream();

  LocalRun(RunSpec spec, Path dir, Optional<Cgroups> cgroups) {
    this.spec = spec;
    this.dir = dir;
    this.cgroups = cgroups;
  }

  /**
   * The bounded logs the pumps have kept so far; complete once both streams are closed. Each total
   * is read before its buffer, and a pump counts bytes only once it has kept them, so a snapshot
   * taken while the tool writes is reported truncated only if bytes were really dropped.
   */
  RunLogs logsSoFar() {
    long stdoutTotal = stdoutBuffer == null ? 0 : stdoutPump.total();
    long stderrTotal = stderrPump.total();
    byte[] stdout = stdoutBuffer == null ? new byte[0] : stdoutBuffer.toByteArray();
    return new RunLogs(stdout, stderrBuffer.toByteArray(), stdoutTotal, stderrTotal);
  }

  Path inDir() {
    return dir.resolve("in");
  }

  Path outDir() {
    return dir.resolve("out");
  }

  /** Where standard output goes when it is a declared output: outside /out until collected. */
  Path stdoutCapture() {
    return dir.resolve("stdout.capture");
  }

  OutputStream stdoutSink() throws IOException {
    if (spec.stdoutOutput().isPresent()) {
      return Files.newOutputStream(stdoutCapture());
    }
    stdoutBuffer = new ByteArrayOutputStream();
    return stdoutBuffer;
  }

  long stdoutLimit() {
    return spec.stdoutOutput()
        .flatMap(spec::output)
        .map(o -> o.maxBytes())
        .orElse(spec.limits().logMaxBytes());
  }

  boolean requestStop(Stop reason) {
    return stop.compareAndSet(null, reason);
  }

  boolean awaitFinished(long millis) throws InterruptedException {
    return finished.await(millis, TimeUnit.MILLISECONDS);
  }

  /** Why the runner stopped a run before it exited by itself. */
  record Stop(String reason, String message, boolean cancelled) {}
}
