package org.capenv.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.capenv.runner.RunState;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.support.SandboxFixture;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privilege drop seen from the host: every process of a running sandbox (bubblewrap outside,
 * its PID 1 and the tool) has real, effective, saved and file-system uid and gid 65534, no
 * supplementary groups and no capabilities, as the host's {@code /proc} reports them.
 */
class HostCredentialsTest {
  private static final String MARKER = "sleep 313";

  @TempDir Path temp;

  @Test
  void everyProcessOfTheSandboxRunsAs65534WithoutGroupsOrCapabilities() throws Exception {
    assumeTrue(
        SandboxProbe.runningAsRoot(), "the privilege drop applies when the platform is root");
    try (SandboxFixture sandbox = new SandboxFixture(temp)) {
      RunSpec spec = Specs.spec("sh", "-c", MARKER).build();
      sandbox.runner.launch(spec);
      List<Long> pids = new ArrayList<>();
      for (int attempt = 0; attempt < 200 && pids.size() < 4; attempt++) {
        Thread.sleep(50);
        pids.clear();
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().orElse("").contains(MARKER))
            .forEach(p -> pids.add(p.pid()));
      }
      // bubblewrap outside, its PID 1, the shell and sleep
      assertThat(pids).hasSize(4);
      for (long pid : pids) {
        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        assertThat(status)
            .as("process %d", pid)
            .contains(
                "Uid:\t65534\t65534\t65534\t65534",
                "Gid:\t65534\t65534\t65534\t65534",
                "CapPrm:\t0000000000000000",
                "CapEff:\t0000000000000000");
        assertThat(status.stream().filter(l -> l.startsWith("Groups:")).map(String::strip))
            .containsExactly("Groups:");
      }
      assertThat(sandbox.runner.cancel(spec.runId()).state()).isEqualTo(RunState.CANCELLED);
    }
  }
}
