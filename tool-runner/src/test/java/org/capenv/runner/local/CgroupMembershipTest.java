package org.capenv.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.capenv.runner.RunState;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.support.SandboxFixture;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where cgroup v1 is writable: every process of a run, bubblewrap's own included, is in the run's
 * pids and memory groups, and no thread of the platform is left in them after the launch.
 */
class CgroupMembershipTest {
  private static final Optional<Path> ROOT = Optional.of(Path.of("/sys/fs/cgroup"));

  @TempDir Path temp;

  @Test
  void everyProcessOfTheRunIsInItsGroupsAndNoPlatformThreadIs() throws Exception {
    assumeTrue(Cgroups.usable(ROOT), "needs a writable cgroup v1 pids and memory hierarchy");
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec = Specs.spec("sh", "-c", "sleep 319 & sleep 319 & wait").build();
      sandbox.runner.launch(spec);
      Cgroups groups = Cgroups.existing(ROOT, spec.runId()).orElseThrow();
      assertThat(groups.procsFiles()).hasSize(2);

      // bubblewrap (outer and PID 1), the shell and both sleeps: all carry "sleep 319" in argv
      Set<Long> run = waitForProcesses("sleep 319", 5);
      for (Path procs : groups.procsFiles()) {
        assertThat(pids(procs)).containsAll(run).doesNotContain(ProcessHandle.current().pid());
        for (long tid : pids(procs.resolveSibling("tasks"))) {
          assertThat(Path.of("/proc/self/task", Long.toString(tid))).doesNotExist();
        }
      }

      assertThat(sandbox.runner.cancel(spec.runId()).state()).isEqualTo(RunState.CANCELLED);
      assertThat(EscapeAttemptsTest.processesRunning("sleep 319")).isZero();
      assertThat(Cgroups.existing(ROOT, spec.runId())).isEmpty();
    }
  }

  @Test
  void aRunForkingToItsLimitLeavesOtherRunsFreeToFork() throws Exception {
    assumeTrue(Cgroups.usable(ROOT), "needs a writable cgroup v1 pids and memory hierarchy");
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      // 60 processes of uid 65534 in run A: with a limit counted per uid (RLIMIT_NPROC, 64) run
      // B could not fork; with per-run pids cgroups each run has its own 64
      RunSpec busy =
          Specs.spec(
                  "sh",
                  "-c",
                  "i=0; while [ $i -lt 60 ]; do sleep 323 & i=$((i+1)); done; echo spawned; wait")
              .build();
      sandbox.runner.launch(busy);
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (EscapeAttemptsTest.processesRunning("sleep 323") < 60
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(EscapeAttemptsTest.processesRunning("sleep 323")).isGreaterThanOrEqualTo(60);

      RunSpec other =
          Specs.spec("sh", "-c", "for i in 1 2 3 4 5 6 7 8; do true & done; wait; echo forked")
              .build();
      var status = sandbox.run(other);
      String stderr =
          new String(sandbox.runner.logs(other.runId()).stderr(), StandardCharsets.UTF_8);
      assertThat(status.state()).as("%s, stderr: %s", status, stderr).isEqualTo(RunState.SUCCEEDED);
      assertThat(new String(sandbox.runner.logs(other.runId()).stdout(), StandardCharsets.UTF_8))
          .isEqualTo("forked\n");

      assertThat(sandbox.runner.cancel(busy.runId()).state()).isEqualTo(RunState.CANCELLED);
      assertThat(EscapeAttemptsTest.processesRunning("sleep 323")).isZero();
    }
  }

  @Test
  void aRunInItsMemoryGroupHasNoAddressSpaceLimit() throws Exception {
    assumeTrue(Cgroups.usable(ROOT), "needs a writable cgroup v1 pids and memory hierarchy");
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      // the memory cgroup limits what the run uses; an address-space limit as well made Go tools
      // (miller) fail to start threads under load while they used a fraction of it
      assertThat(addressSpaceLimit(sandbox)).isEqualTo("unlimited");
    }
  }

  @Test
  void withoutCgroupsTheAddressSpaceLimitIsTheMemoryFallback() throws Exception {
    try (SandboxFixture sandbox =
        new SandboxFixture(temp, config -> config.withCgroupRoot(Optional.empty()))) {
      // 64 MiB asked, raised to the 1 GiB floor that Go tools need to start at all
      assertThat(addressSpaceLimit(sandbox)).isEqualTo(Long.toString(1L << 30));
    }
  }

  /** The soft "Max address space" of a run's process, as the kernel reports it. */
  private static String addressSpaceLimit(SandboxFixture sandbox) throws Exception {
    RunSpec spec = Specs.spec("cat", "/proc/self/limits").memory(64L << 20).build();
    var status = sandbox.run(spec);
    String stdout = new String(sandbox.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8);
    String stderr = new String(sandbox.runner.logs(spec.runId()).stderr(), StandardCharsets.UTF_8);
    assertThat(status.state()).as("%s, stderr: %s", status, stderr).isEqualTo(RunState.SUCCEEDED);
    return stdout
        .lines()
        .filter(line -> line.startsWith("Max address space"))
        .map(line -> line.substring("Max address space".length()).trim().split("\\s+")[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no address-space line in: " + stdout));
  }

  private static Set<Long> waitForProcesses(String commandLine, int count)
      throws InterruptedException {
    Set<Long> found = new HashSet<>();
    for (int attempt = 0; attempt < 200 && found.size() < count; attempt++) {
      Thread.sleep(50);
      found.clear();
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains(commandLine))
          .forEach(p -> found.add(p.pid()));
    }
    assertThat(found).hasSize(count);
    return found;
  }

  private static List<Long> pids(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
        .filter(line -> !line.isBlank())
        .map(line -> Long.parseLong(line.trim()))
        .toList();
  }
}
