package org.capenv.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.support.SandboxFixture;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile tool tries to get out; each attempt is contained and reported with its reason. */
class EscapeAttemptsTest {
  @TempDir static Path temp;
  static SandboxFixture sandbox;

  @BeforeAll
  static void start() throws Exception {
    sandbox = new SandboxFixture(temp);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void cannotConnectToAPortOpenOnTheHost() throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress("0.0.0.0", 0));
      server.setSoTimeout(200);
      AtomicInteger accepted = new AtomicInteger();
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    server.accept().close();
                    accepted.incrementAndGet();
                  } catch (SocketTimeoutException e) {
                    // poll again until the test closes the socket
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.start();
      StringBuilder script = new StringBuilder();
      for (String host : hostAddresses()) {
        script
            .append("if (exec 3<>/dev/tcp/")
            .append(host)
            .append('/')
            .append(server.getLocalPort())
            .append(") 2>/dev/null; then echo CONNECTED ")
            .append(host)
            .append("; else echo refused ")
            .append(host)
            .append("; fi; ");
      }
      script.append("cat /proc/net/dev");
      RunSpec spec = Specs.spec("bash", "-c", script.toString()).build();

      RunStatus status = sandbox.run(spec);

      String stdout = stdout(spec);
      assertThat(status.state()).as(status::toString).isEqualTo(RunState.SUCCEEDED);
      assertThat(stdout).doesNotContain("CONNECTED").contains("refused 127.0.0.1");
      // only the loopback interface exists in the sandbox's network namespace
      assertThat(stdout).contains("lo:").doesNotContain("eth0:");
      assertThat(accepted).hasValue(0);
    }
  }

  @Test
  void cannotReadFilesOutsideTheBinds() throws Exception {
    Path secret = temp.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-VALUE");
    RunSpec spec =
        Specs.spec("sh", "-c", "cat " + secret + " /etc/shadow /etc/hostname; ls -a /").build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.SUCCEEDED);
    assertThat(stdout(spec)).doesNotContain("TOP-SECRET-VALUE");
    assertThat(stderr(spec))
        .contains(secret + ": No such file or directory")
        .contains("/etc/shadow: No such file or directory")
        .contains("/etc/hostname: No such file or directory");
    List<String> root = new ArrayList<>(List.of(stdout(spec).split("\n")));
    assertThat(root).doesNotContain("root", "home", "var", "work", "run", "sys", "boot");
    assertThat(root).contains("in", "out", "usr", "tmp", "proc", "dev");
  }

  @Test
  void cannotReadThePlatformsEnvironment() throws Exception {
    // the platform's environment is where deployments put credentials (datasource, OIDC secrets)
    Set<String> platform = new HashSet<>();
    System.getenv().forEach((name, value) -> platform.add(name + "=" + value));
    Set<String> sandboxOwn =
        Set.of("PATH=/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp", "LANG=C.UTF-8");
    platform.removeAll(sandboxOwn);
    assertThat(platform).isNotEmpty();
    // bubblewrap's PID 1 is visible in the sandbox's /proc: its environment must hold nothing.
    // One cat reads every process's environment (NUL-separated), without a fork per process; an
    // environment the tool may not read is as good as an empty one, so cat's status is not kept.
    RunSpec spec = Specs.spec("sh", "-c", "cat /proc/[0-9]*/environ; exit 0").build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state())
        .as("%s, stderr: %s", status, stderr(spec))
        .isEqualTo(RunState.SUCCEEDED);
    // the tool's own environment was read, so reading works: nothing of the platform's is there
    List<String> seen = List.of(stdout(spec).split("\0"));
    assertThat(seen).contains("PATH=/usr/bin:/bin").doesNotContainAnyElementsOf(platform);
    assertThat(stderr(spec).lines().toList())
        .allSatisfy(line -> assertThat(line).endsWith("Permission denied"));
  }

  @Test
  void cannotWriteOutsideOut() throws Exception {
    String marker = "capenv-escape-" + System.nanoTime();
    RunSpec spec =
        Specs.spec(
                "sh",
                "-c",
                "for f in /usr/"
                    + marker
                    + " /"
                    + marker
                    + " /in/"
                    + marker
                    + " /etc/"
                    + marker
                    + "; do echo x > $f && echo WROTE $f; done; echo t > /tmp/"
                    + marker
                    + " && echo tmp-ok")
            .build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.SUCCEEDED);
    assertThat(stdout(spec)).doesNotContain("WROTE").contains("tmp-ok");
    assertThat(stderr(spec)).contains("Read-only file system");
    assertThat(Path.of("/usr", marker)).doesNotExist();
    assertThat(Path.of("/", marker)).doesNotExist();
    assertThat(Path.of("/etc", marker)).doesNotExist();
    // the sandbox's /tmp is its own tmpfs, gone with it
    assertThat(Path.of("/tmp", marker)).doesNotExist();
  }

  @Test
  void forkBombIsCappedAndLeavesNoProcess() throws Exception {
    RunSpec spec =
        Specs.spec(
                "sh",
                "-c",
                "i=0; while [ $i -lt 400 ]; do sleep 317 & i=$((i+1)); done; echo spawned; wait")
            .timeout(Duration.ofSeconds(4))
            .build();

    RunStatus status = sandbox.run(spec);

    // the shell gives up when fork fails (or the deadline stops it): never an unbounded tree
    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    assertThat(status.reason()).isIn("NonZeroExit", "DeadlineExceeded");
    assertThat(stderr(spec)).containsIgnoringCase("fork");
    assertThat(processesRunning("sleep 317")).isZero();
  }

  @Test
  void cpuLoopIsStoppedByTheCpuTimeLimit() throws Exception {
    // 100 millicores over 20 s is a budget of 2 CPU seconds, reached long before the deadline
    RunSpec spec =
        Specs.spec("sh", "-c", "while :; do :; done")
            .cpu(100)
            .timeout(Duration.ofSeconds(20))
            .build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    assertThat(status.reason()).isEqualTo("CpuTimeLimitExceeded");
    assertThat(status.exitCode()).contains(152);
  }

  @Test
  void fillingTheDiskIsStoppedAtTheFileSizeLimit() throws Exception {
    RunSpec spec =
        Specs.spec("sh", "-c", "head -c 200000000 /dev/zero > /out/big")
            .output("big", 1 << 20)
            .build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    assertThat(status.reason()).isEqualTo("FileSizeLimitExceeded");
    assertThat(Files.size(runDir(spec).resolve("out/big"))).isLessThanOrEqualTo(1 << 20);
    assertThat(sandbox.runner.outputs(spec.runId())).isEmpty();
  }

  @Test
  void manySmallFilesAreStoppedAtTheEntryLimit() throws Exception {
    RunSpec spec =
        Specs.spec("sh", "-c", "i=0; while :; do : > /out/f$i; i=$((i+1)); done")
            .timeout(Duration.ofSeconds(30))
            .build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    assertThat(status.reason()).isEqualTo("OutputLimitExceeded");
  }

  @Test
  void floodingStdoutKeepsOnlyTheBoundedHead() throws Exception {
    RunSpec spec = Specs.spec("yes", "flood").logMax(4096).timeout(Duration.ofSeconds(2)).build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    assertThat(status.reason()).isEqualTo("DeadlineExceeded");
    RunLogs logs = sandbox.runner.logs(spec.runId());
    assertThat(logs.stdout()).hasSize(4096);
    assertThat(logs.stdoutTotalBytes()).isGreaterThan(4096);
    assertThat(logs.truncated()).isTrue();
  }

  @Test
  void floodingStdoutDeclaredAsOutputStopsAtItsLimit() throws Exception {
    RunSpec spec =
        Specs.spec("yes", "flood")
            .stdoutTo("report.txt", 64 * 1024)
            .timeout(Duration.ofSeconds(30))
            .build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    assertThat(status.reason()).isEqualTo("OutputLimitExceeded");
  }

  @Test
  void outlivingTheDeadlineKillsTheWholeTree() throws Exception {
    RunSpec spec =
        Specs.spec("sh", "-c", "setsid sleep 311 & sleep 311 & sleep 311")
            .timeout(Duration.ofSeconds(1))
            .build();
    long started = System.nanoTime();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    assertThat(status.reason()).isEqualTo("DeadlineExceeded");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(processesRunning("sleep 311")).isZero();
  }

  @Test
  void memoryHogIsStopped() throws Exception {
    RunSpec spec =
        Specs.spec("awk", "BEGIN { s = \"xxxxxxxx\"; while (1) s = s s }")
            .memory(64L << 20)
            .timeout(Duration.ofSeconds(30))
            .build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    // with cgroups the kernel's OOM killer stops it; with rlimits only, its allocation fails
    boolean cgroups = Cgroups.usable(Optional.of(Path.of("/sys/fs/cgroup")));
    assertThat(status.reason()).isEqualTo(cgroups ? "MemoryLimitExceeded" : "NonZeroExit");
  }

  static List<String> hostAddresses() throws IOException {
    List<String> hosts = new ArrayList<>(List.of("127.0.0.1"));
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (!address.isLoopbackAddress() && address.getAddress().length == 4) {
          hosts.add(address.getHostAddress());
        }
      }
    }
    return hosts;
  }

  static long processesRunning(String commandLine) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(commandLine))
        .count();
  }

  static Path runDir(RunSpec spec) {
    return sandbox.stateDir.resolve("runs").resolve(spec.runId());
  }

  static String stdout(RunSpec spec) {
    return new String(sandbox.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8);
  }

  static String stderr(RunSpec spec) {
    return new String(sandbox.runner.logs(spec.runId()).stderr(), StandardCharsets.UTF_8);
  }
}
