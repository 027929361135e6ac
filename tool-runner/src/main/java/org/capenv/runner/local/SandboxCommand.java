package org.capenv.runner.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.capenv.runner.RunnerException;
import org.capenv.runner.spec.RunSpec;

/**
 * Builds the argv that starts one sandboxed tool: optional privilege drop, rlimits, then
 * bubblewrap, then the tool's argv as separate elements. No shell is involved and no element is
 * ever parsed by one. The process is started inside the run's cgroups by {@link SandboxStarter}.
 */
final class SandboxCommand {
  /** Go programs (miller) reserve about 1 GiB of address space at start, whatever they use. */
  private static final long MIN_ADDRESS_SPACE = 1L << 30;

  /**
   * Per-file size floor, so that a tool without declared outputs can still use its {@code /tmp}.
   */
  private static final long MIN_FILE_SIZE = 1L << 20;

  private static final File DEV_NULL = new File("/dev/null");

  private static final Map<String, String> BASE_ENV =
      Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "TMPDIR", "/tmp", "LANG", "C.UTF-8");

  private SandboxCommand() {}

  /**
   * @param dropPrivileges run as uid 65534 (the platform runs as root)
   * @param cgroups the run has its own pids and memory cgroups ({@code pids.max}, {@code
   *     memory.limit_in_bytes}): then neither RLIMIT_NPROC nor RLIMIT_AS is set. RLIMIT_NPROC
   *     counts every task of uid 65534 on the host, all concurrent runs together, and would let one
   *     run's threads make another's fork fail. RLIMIT_AS limits address space, not memory: a Go
   *     tool (miller) reserves address space per thread it starts, so under load it failed to start
   *     a thread ("pthread_create failed", exit 2) within the 1 GiB floor while using a fraction of
   *     it; the memory cgroup limits what the run really uses.
   */
  static List<String> build(
      LocalSandboxConfig config,
      RunSpec spec,
      Path inDir,
      Path outDir,
      boolean dropPrivileges,
      boolean cgroups) {
    List<String> argv = new ArrayList<>();
    if (dropPrivileges) {
      argv.addAll(dropPrivileges(config));
    }
    argv.addAll(limits(config, spec, dropPrivileges && !cgroups, !cgroups));
    argv.addAll(bubblewrap(config, spec, inDir, outDir));
    argv.add(program(spec.localArgv().get(0)));
    argv.addAll(spec.localArgv().subList(1, spec.localArgv().size()));
    return argv;
  }

  /**
   * {@code chroot --userspec=+65534:+65534 --groups= --skip-chdir -- /}: setgroups to none, setgid
   * and setuid to 65534, root and working folder unchanged. The {@code +} makes coreutils take the
   * ids as numbers without asking the user database: {@code setpriv} looks every id up by name
   * first, which loads the NSS modules, reads {@code /etc/passwd} and {@code /etc/group} and tries
   * {@code nscd} on every run, and would take a user that a directory service happened to call
   * "65534". The {@code --} keeps the rest of the command line from being read as chroot options.
   */
  private static List<String> dropPrivileges(LocalSandboxConfig config) {
    int id = LocalSandboxConfig.SANDBOX_UID;
    return List.of(
        config.chroot().toString(),
        "--userspec=+" + id + ":+" + id,
        "--groups=",
        "--skip-chdir",
        "--",
        "/");
  }

  private static List<String> limits(
      LocalSandboxConfig config, RunSpec spec, boolean processLimit, boolean addressSpaceLimit) {
    long cpu = spec.resources().cpuSecondsBudget();
    long fileSize = MIN_FILE_SIZE;
    for (var output : spec.outputs()) {
      fileSize = Math.max(fileSize, output.maxBytes());
    }
    List<String> limits = new ArrayList<>();
    limits.add(config.prlimit().toString());
    // soft limit sends SIGXCPU (exit 152, reported as CPU limit), the hard one a second later kills
    limits.add("--cpu=" + cpu + ":" + (cpu + 1));
    if (addressSpaceLimit) {
      // without a memory cgroup, the fallback: address space is a coarse stand-in for memory
      limits.add("--as=" + Math.max(MIN_ADDRESS_SPACE, spec.resources().memoryBytes()));
    }
    limits.add("--fsize=" + fileSize);
    limits.add("--nofile=" + config.maxOpenFiles());
    limits.add("--core=0");
    if (processLimit) {
      // without a pids cgroup, the fallback: RLIMIT_NPROC counts every task of the real uid, so it
      // only means something for the dedicated 65534, and it is shared by concurrent runs
      limits.add("--nproc=" + config.maxProcesses());
    }
    limits.add("--");
    return limits;
  }

  private static List<String> bubblewrap(
      LocalSandboxConfig config, RunSpec spec, Path inDir, Path outDir) {
    int id = LocalSandboxConfig.SANDBOX_UID;
    List<String> bwrap = new ArrayList<>();
    bwrap.add(config.bwrap().toString());
    bwrap.addAll(
        List.of(
            "--unshare-all",
            "--unshare-user",
            "--disable-userns",
            "--uid",
            Integer.toString(id),
            "--gid",
            Integer.toString(id),
            "--hostname",
            "sandbox",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--ro-bind",
            "/usr",
            "/usr"));
    // merged-/usr hosts (Debian 12) have /bin, /lib... as symlinks into /usr
    for (String top : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
      Path host = Path.of("/" + top);
      if (Files.isSymbolicLink(host)) {
        bwrap.addAll(List.of("--symlink", "usr/" + top, "/" + top));
      } else if (Files.isDirectory(host)) {
        bwrap.addAll(List.of("--ro-bind", host.toString(), host.toString()));
      }
    }
    bwrap.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    bwrap.addAll(List.of("--size", Long.toString(config.tmpBytes()), "--tmpfs", "/tmp"));
    for (Path extra : config.extraReadOnlyBinds()) {
      bwrap.addAll(List.of("--ro-bind-try", extra.toString(), extra.toString()));
    }
    bwrap.addAll(List.of("--ro-bind", inDir.toString(), "/in"));
    bwrap.addAll(List.of("--bind", outDir.toString(), "/out"));
    bwrap.addAll(List.of("--chdir", "/out", "--remount-ro", "/", "--clearenv"));
    Map<String, String> env = new TreeMap<>(BASE_ENV);
    env.putAll(spec.env());
    env.forEach((name, value) -> bwrap.addAll(List.of("--setenv", name, value)));
    bwrap.add("--");
    return bwrap;
  }

  /**
   * A process builder for a sandbox command line: standard input from {@code /dev/null} and an
   * <em>empty</em> environment. bubblewrap's {@code --clearenv} only clears what the tool gets:
   * {@code chroot}, {@code prlimit} and bubblewrap itself keep whatever they were started with, and
   * bubblewrap's PID 1 — whose {@code /proc/1/environ} the tool can read — is a copy of it. The
   * platform's environment, where deployments keep credentials, must never reach them.
   */
  static ProcessBuilder processBuilder(List<String> argv) {
    ProcessBuilder builder =
        new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    builder.environment().clear();
    return builder;
  }

  /** A bare program name is looked up in {@code /usr/bin}, the only binary folder bound. */
  static String program(String name) {
    Path path = name.contains("/") ? Path.of(name) : Path.of("/usr/bin", name);
    try {
      if (path.isAbsolute()
          && path.normalize().equals(path)
          && path.toRealPath().startsWith("/usr")
          && Files.isExecutable(path)) {
        return path.toString();
      }
    } catch (IOException e) {
      // not found: refused below
    }
    throw new RunnerException("program " + name + " is not an executable under /usr on this host");
  }
}
