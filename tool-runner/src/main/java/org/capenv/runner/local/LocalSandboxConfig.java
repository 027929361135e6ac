package org.capenv.runner.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the local bubblewrap backend. The defaults fit Debian and Ubuntu hosts.
 *
 * @param stateDir folder holding one sub-folder per run (inputs copy, outputs, logs, status)
 * @param bwrap the bubblewrap binary
 * @param chroot coreutils {@code chroot}, used only to drop to uid/gid 65534 before bwrap when the
 *     platform runs as root (so output files belong to 65534, not root); the root stays {@code /}.
 *     Unlike util-linux {@code setpriv}, it takes ids as numbers without a user database lookup
 *     (ADR 0094)
 * @param prlimit util-linux {@code prlimit}, which sets the rlimits of the sandbox
 * @param cgroupRoot cgroup v1 mount root; per-run {@code pids} and {@code memory} groups are made
 *     under {@code <root>/<controller>/capenv/} when writable; empty to use rlimits only
 * @param maxProcesses process limit per run ({@code pids.max}; also RLIMIT_NPROC)
 * @param maxOpenFiles RLIMIT_NOFILE
 * @param tmpBytes size of the throwaway {@code /tmp} tmpfs
 * @param extraReadOnlyBinds host paths bound read-only at the same place when present (shared
 *     libraries' caches, {@code /etc/alternatives})
 */
public record LocalSandboxConfig(
    Path stateDir,
    Path bwrap,
    Path chroot,
    Path prlimit,
    Optional<Path> cgroupRoot,
    int maxProcesses,
    int maxOpenFiles,
    long tmpBytes,
    List<Path> extraReadOnlyBinds) {

  public static final int SANDBOX_UID = 65534;

  public LocalSandboxConfig {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(bwrap, "bwrap");
    Objects.requireNonNull(chroot, "chroot");
    Objects.requireNonNull(prlimit, "prlimit");
    Objects.requireNonNull(cgroupRoot, "cgroupRoot");
    if (maxProcesses < 1 || maxOpenFiles < 16 || tmpBytes < 1024 * 1024) {
      throw new IllegalArgumentException("maxProcesses, maxOpenFiles or tmpBytes too small");
    }
    extraReadOnlyBinds = List.copyOf(extraReadOnlyBinds);
  }

  /** Debian defaults with the given state folder. */
  public static LocalSandboxConfig defaults(Path stateDir) {
    return new LocalSandboxConfig(
        stateDir.toAbsolutePath().normalize(),
        Path.of("/usr/bin/bwrap"),
        Path.of("/usr/sbin/chroot"),
        Path.of("/usr/bin/prlimit"),
        Optional.of(Path.of("/sys/fs/cgroup")),
        64,
        256,
        64L * 1024 * 1024,
        List.of(Path.of("/etc/alternatives"), Path.of("/etc/ld.so.cache")));
  }

  public LocalSandboxConfig withBwrap(Path path) {
    return new LocalSandboxConfig(
        stateDir,
        path,
        chroot,
        prlimit,
        cgroupRoot,
        maxProcesses,
        maxOpenFiles,
        tmpBytes,
        extraReadOnlyBinds);
  }

  public LocalSandboxConfig withCgroupRoot(Optional<Path> root) {
    return new LocalSandboxConfig(
        stateDir,
        bwrap,
        chroot,
        prlimit,
        root,
        maxProcesses,
        maxOpenFiles,
        tmpBytes,
        extraReadOnlyBinds);
  }

  public LocalSandboxConfig withMaxProcesses(int processes) {
    return new LocalSandboxConfig(
        stateDir,
        bwrap,
        chroot,
        prlimit,
        cgroupRoot,
        processes,
        maxOpenFiles,
        tmpBytes,
        extraReadOnlyBinds);
  }
}
