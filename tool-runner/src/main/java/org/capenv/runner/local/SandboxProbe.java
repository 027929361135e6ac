package org.capenv.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.capenv.runner.Availability;
import org.capenv.runner.spec.ImageReference;
import org.capenv.runner.spec.Limits;
import org.capenv.runner.spec.Resources;
import org.capenv.runner.spec.RunSpec;

/**
 * Decides whether the local sandbox can run here: the binaries exist, and a real sandbox with the
 * exact flags of a run starts and exits cleanly (user namespaces may be disabled by the kernel).
 */
final class SandboxProbe {
  static final String INSTALL_HINT =
      "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora/RHEL: dnf install"
          + " bubblewrap), util-linux (prlimit) and coreutils (chroot); the local runner never runs a"
          + " tool"
          + " without the sandbox";

  private SandboxProbe() {}

  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0)
          .equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  static Availability probe(LocalSandboxConfig config, Path runsDir) {
    boolean root = runningAsRoot();
    List<Path> needed = new ArrayList<>(List.of(config.bwrap(), config.prlimit()));
    if (root) {
      needed.add(config.chroot());
    }
    for (Path binary : needed) {
      if (!Files.isExecutable(binary)) {
        return Availability.no(binary + " not found or not executable: " + INSTALL_HINT);
      }
    }
    Path probeDir = runsDir.resolve(".probe");
    try {
      LocalDirs.recreate(probeDir, root);
      RunSpec spec =
          new RunSpec(
              "probe",
              "probe",
              "1",
              ImageReference.parse("localhost/probe@sha256:" + "0".repeat(64)),
              List.of("true"),
              List.of("/usr/bin/true"),
              Map.of(),
              List.of(),
              List.of(),
              new Resources(1000, 256L << 20, Duration.ofSeconds(10)),
              new Limits(4096, 4096),
              Optional.empty());
      // the probe asks whether the sandbox starts, under no RLIMIT_NPROC (built as for a run with
      // its own cgroups): that limit counts every task of uid 65534 on the host, including exited
      // sandbox processes that the host's init has not reaped yet (seen here: dozens of them for
      // seconds after a burst of runs), so under it the probe failed with EAGAIN while the sandbox
      // worked. Runs keep their own limits.
      List<String> argv =
          SandboxCommand.build(
              config, spec, probeDir.resolve("in"), probeDir.resolve("out"), root, true);
      Process process = SandboxCommand.processBuilder(argv).redirectErrorStream(true).start();
      boolean exited = process.waitFor(10, TimeUnit.SECONDS);
      String text = new String(process.getInputStream().readNBytes(2048), StandardCharsets.UTF_8);
      if (!exited) {
        process.destroyForcibly();
        return Availability.no("sandbox probe did not exit within 10 s");
      }
      if (process.exitValue() != 0) {
        return Availability.no(
            "sandbox probe failed (exit "
                + process.exitValue()
                + "): "
                + text.strip()
                + "; check that unprivileged user namespaces are enabled, or "
                + INSTALL_HINT);
      }
    } catch (IOException e) {
      return Availability.no(
          "sandbox probe could not start: " + e.getMessage() + "; " + INSTALL_HINT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Availability.no("sandbox probe interrupted");
    }
    return Availability.yes(
        "bubblewrap sandbox ("
            + config.bwrap()
            + "), "
            + (root
                ? "tools run as uid 65534 via chroot --userspec"
                : "tools run as the platform user")
            + ", "
            + Cgroups.describe(config.cgroupRoot()));
  }
}
