package org.capenv.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.capenv.runner.Availability;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunNotFoundException;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.RunnerException;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.spec.StagedInput;
import org.capenv.runner.support.SandboxFixture;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launch idempotency, cancel, restart, a run outliving its caller thread, refusal without
 * bubblewrap, and output/input checks.
 */
class LocalLifecycleTest {
  @TempDir Path temp;

  @Test
  void launchIsIdempotentPerRunId() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec = Specs.spec("sh", "-c", "echo started >&2; sleep 1").build();
      RunStatus first = sandbox.runner.launch(spec);
      RunStatus second = sandbox.runner.launch(spec);
      assertThat(second.state()).isEqualTo(RunState.RUNNING);
      assertThat(second.at()).isEqualTo(first.at());
      RunStatus done = sandbox.runner.await(spec.runId(), 30_000);
      assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(sandbox.runner.launch(spec)).isEqualTo(done);
      assertThat(sandbox.events)
          .extracting(RunStatus::state)
          .containsExactly(RunState.RUNNING, RunState.SUCCEEDED);
      assertThat(new String(sandbox.runner.logs(spec.runId()).stderr(), StandardCharsets.UTF_8))
          .isEqualTo("started\n");
    }
  }

  @Test
  void aForgottenRunIsAnsweredFromItsRecordAndNeverStartedAgain() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec = Specs.spec("sh", "-c", "echo kept >&2; sleep 1").build();
      sandbox.runner.launch(spec);
      sandbox.runner.forget(spec.runId());
      // not yet terminal: kept
      assertThat(sandbox.runner.status(spec.runId()).state()).isEqualTo(RunState.RUNNING);
      RunStatus done = sandbox.runner.await(spec.runId(), 30_000);

      sandbox.runner.forget(spec.runId());

      assertThat(sandbox.runner.status(spec.runId()).state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(sandbox.runner.status(spec.runId()).exitCode()).isEqualTo(done.exitCode());
      assertThat(new String(sandbox.runner.logs(spec.runId()).stderr(), StandardCharsets.UTF_8))
          .isEqualTo("kept\n");
      assertThat(sandbox.runner.launch(spec).state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(sandbox.events)
          .extracting(RunStatus::state)
          .containsExactly(RunState.RUNNING, RunState.SUCCEEDED);
    }
  }

  @Test
  void cancelKillsTheSandbox() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec = Specs.spec("sleep", "307").build();
      sandbox.runner.launch(spec);
      RunStatus cancelled = sandbox.runner.cancel(spec.runId());
      assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
      assertThat(cancelled.reason()).isEqualTo("Cancelled");
      assertThat(EscapeAttemptsTest.processesRunning("sleep 307")).isZero();
      assertThat(sandbox.runner.cancel(spec.runId())).isEqualTo(cancelled);
    }
  }

  /** While the tool runs, its log is what it has written so far, on both streams. */
  @Test
  void aRunningRunsLogIsWhatTheToolHasWrittenSoFar() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec =
          Specs.spec("sh", "-c", "echo reading calls.csv >&2; echo 1200 rows; exec sleep 60")
              .build();
      sandbox.runner.launch(spec);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      RunLogs logs = sandbox.runner.logs(spec.runId());
      while ((logs.stderr().length < 18 || logs.stdout().length < 10)
          && System.nanoTime() < deadline) {
        sleep(50);
        logs = sandbox.runner.logs(spec.runId());
      }

      assertThat(new String(logs.stderr(), StandardCharsets.UTF_8))
          .isEqualTo("reading calls.csv\n");
      assertThat(new String(logs.stdout(), StandardCharsets.UTF_8)).isEqualTo("1200 rows\n");
      assertThat(logs.truncated()).isFalse();
      assertThat(sandbox.runner.status(spec.runId()).state()).isEqualTo(RunState.RUNNING);
      sandbox.runner.cancel(spec.runId());
    }
  }

  @Test
  void restartAfterCrashReportsTheCutOffRunAndNeverRelaunchesIt() throws Exception {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwx--x--x"));
    Path stateDir = temp.resolve("state");
    Process platform =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingPlatform.class.getName(),
                stateDir.toString(),
                "crashed-run",
                "309")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(platform.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("LAUNCHED "));
      assertThat(line).startsWith("LAUNCHED ").contains("state=RUNNING");
    }
    // bubblewrap's own processes carry the tool's argv too, and how many of them exist at a given
    // instant depends on how far its fork/exec has got: at least one must be running
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (EscapeAttemptsTest.processesRunning("sleep 309") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(EscapeAttemptsTest.processesRunning("sleep 309")).isPositive();
    platform.destroyForcibly().waitFor();

    try (LocalSandboxRunner restarted =
        new LocalSandboxRunner(LocalSandboxConfig.defaults(stateDir))) {
      List<RunStatus> found = restarted.reconcile();
      assertThat(found).hasSize(1);
      assertThat(found.get(0).runId()).isEqualTo("crashed-run");
      assertThat(found.get(0).state()).isEqualTo(RunState.FAILED);
      assertThat(found.get(0).reason()).isEqualTo("PlatformRestarted");
      // --die-with-parent: the sandbox died with the platform process
      assertThat(EscapeAttemptsTest.processesRunning("sleep 309")).isZero();
      RunSpec again = Specs.spec("sleep", "309").runId("crashed-run").build();
      assertThat(restarted.launch(again).reason()).isEqualTo("PlatformRestarted");
      assertThat(EscapeAttemptsTest.processesRunning("sleep 309")).isZero();
      assertThat(restarted.status("crashed-run").state()).isEqualTo(RunState.FAILED);
    }
  }

  @Test
  void aRunOutlivesTheThreadThatLaunchedIt() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec =
          Specs.spec("sh", "-c", "touch /out/started; sleep 1; echo finished")
              .output("started", 100)
              .build();
      Path started = sandbox.stateDir.resolve("runs").resolve(spec.runId()).resolve("out/started");
      // a pooled request thread that retires: --die-with-parent must not tie the run to it
      Thread caller =
          new Thread(
              () -> {
                sandbox.runner.launch(spec);
                for (int i = 0; i < 400 && !Files.exists(started); i++) {
                  sleep(25);
                }
              });
      caller.start();
      caller.join();
      assertThat(started).exists();

      RunStatus status = sandbox.runner.await(spec.runId(), 30_000);
      assertThat(status.state()).as(status::toString).isEqualTo(RunState.SUCCEEDED);
      assertThat(new String(sandbox.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8))
          .isEqualTo("finished\n");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void missingBubblewrapMakesTheBackendUnavailableWithoutFallback() throws Exception {
    try (SandboxFixture sandbox =
        new SandboxFixture(temp, cfg -> cfg.withBwrap(Path.of("/nonexistent/bwrap")))) {
      Availability availability = sandbox.runner.availability();
      assertThat(availability.available()).isFalse();
      assertThat(availability.detail())
          .contains("/nonexistent/bwrap", "apt-get install bubblewrap");
      RunSpec spec = Specs.spec("sh", "-c", "echo ran > /tmp/should-not-run").build();
      assertThatThrownBy(() -> sandbox.runner.launch(spec))
          .isInstanceOf(RunnerException.class)
          .hasMessageContaining("unavailable");
      assertThat(sandbox.stateDir.resolve("runs").resolve(spec.runId())).doesNotExist();
      assertThat(sandbox.events).isEmpty();
      assertThatThrownBy(() -> sandbox.runner.status(spec.runId()))
          .isInstanceOf(RunNotFoundException.class);
    }
  }

  @Test
  void tamperedInputStopsTheLaunchAndLeavesNothing() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      Path staged = sandbox.staging.resolve("evidence.csv");
      Files.writeString(staged, "a,b\n1,2\n");
      String recorded = Specs.sha256("a,b\n1,9\n".getBytes(StandardCharsets.UTF_8));
      RunSpec spec =
          Specs.spec("cat", "/in/evidence.csv")
              .input(new StagedInput("evidence.csv", staged, recorded, 8))
              .build();
      assertThatThrownBy(() -> sandbox.runner.launch(spec))
          .isInstanceOf(RunnerException.class)
          .hasMessageContaining("expected sha256 " + recorded)
          .hasMessageContaining("actual sha256 " + Specs.sha256(Files.readAllBytes(staged)));
      assertThat(sandbox.stateDir.resolve("runs").resolve(spec.runId())).doesNotExist();
      assertThat(sandbox.events).isEmpty();
    }
  }

  @Test
  void environmentIsOnlyWhatTheManifestDeclares() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec =
          Specs.spec(
                  "sh", "-c", "env | sort; id -u; grep -E '^(CapEff|NoNewPrivs)' /proc/self/status")
              .env("MODE", "strict")
              .build();
      assertThat(sandbox.run(spec).state()).isEqualTo(RunState.SUCCEEDED);
      String out = new String(sandbox.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8);
      assertThat(out.lines().filter(l -> l.contains("=")).toList())
          .containsExactly(
              "HOME=/tmp",
              "LANG=C.UTF-8",
              "MODE=strict",
              "PATH=/usr/bin:/bin",
              "PWD=/out",
              "TMPDIR=/tmp");
      assertThat(out).contains("65534\n", "CapEff:\t0000000000000000", "NoNewPrivs:\t1");
    }
  }

  @Test
  void nonZeroExitFailsTheRunWithItsCode() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec = Specs.spec("sh", "-c", "exit 3").output("report", 100).build();
      RunStatus status = sandbox.run(spec);
      assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
      assertThat(status.reason()).isEqualTo("NonZeroExit");
      assertThat(status.exitCode()).contains(3);
      assertThat(sandbox.runner.outputs(spec.runId())).isEmpty();
    }
  }
}
