package org.capenv.bench.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.local.LocalSandboxConfig;
import org.capenv.runner.local.LocalSandboxRunner;
import org.capenv.runner.spec.ImageReference;
import org.capenv.runner.spec.Limits;
import org.capenv.runner.spec.Resources;
import org.capenv.runner.spec.RunSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of a trivial tool ({@code /usr/bin/true}) run three ways in the same JVM: directly as a
 * child process, through the bare hardened bubblewrap command line, and through the whole {@link
 * LocalSandboxRunner} (run folder, cgroups, rlimits, supervisor, output check, record on disk). The
 * difference between the first and the last is the per-run overhead of the sandbox.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SandboxOverheadBenchmark {
  private static final File DEV_NULL = new File("/dev/null");
  private static final List<String> BARE_BWRAP =
      List.of(
          "/usr/bin/bwrap",
          "--unshare-all",
          "--unshare-user",
          "--uid",
          "65534",
          "--gid",
          "65534",
          "--die-with-parent",
          "--new-session",
          "--cap-drop",
          "ALL",
          "--ro-bind",
          "/usr",
          "/usr",
          "--symlink",
          "usr/bin",
          "/bin",
          "--symlink",
          "usr/lib",
          "/lib",
          "--symlink",
          "usr/lib64",
          "/lib64",
          "--proc",
          "/proc",
          "--dev",
          "/dev",
          "--tmpfs",
          "/tmp",
          "--remount-ro",
          "/",
          "--clearenv",
          "--",
          "/usr/bin/true");

  private Path stateDir;
  private LocalSandboxRunner runner;

  @Setup
  public void start() throws IOException {
    stateDir = Files.createTempDirectory("capenv-bench-runner");
    Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
    runner = new LocalSandboxRunner(LocalSandboxConfig.defaults(stateDir));
    if (!runner.availability().available()) {
      throw new IllegalStateException(runner.availability().detail());
    }
  }

  @TearDown
  public void stop() throws IOException {
    runner.close();
    try (Stream<Path> walk = Files.walk(stateDir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public int direct() throws Exception {
    return check(new ProcessBuilder("/usr/bin/true").redirectInput(DEV_NULL).start().waitFor());
  }

  @Benchmark
  public int bareBubblewrap() throws Exception {
    return check(new ProcessBuilder(BARE_BWRAP).redirectInput(DEV_NULL).start().waitFor());
  }

  @Benchmark
  public RunStatus localSandboxRunner() throws Exception {
    RunSpec spec =
        new RunSpec(
            "b-" + UUID.randomUUID().toString().substring(0, 18),
            "true",
            "1",
            ImageReference.parse("localhost/bench/true@sha256:" + "0".repeat(64)),
            List.of("true"),
            List.of("true"),
            Map.of(),
            List.of(),
            List.of(),
            new Resources(1000, 256L << 20, Duration.ofSeconds(30)),
            new Limits(4096, 4096),
            Optional.empty());
    runner.launch(spec);
    RunStatus status = runner.await(spec.runId(), 30_000);
    if (status.state() != RunState.SUCCEEDED) {
      throw new IllegalStateException("run failed: " + status);
    }
    return status;
  }

  private static int check(int exit) {
    if (exit != 0) {
      throw new IllegalStateException("exit " + exit);
    }
    return exit;
  }
}
