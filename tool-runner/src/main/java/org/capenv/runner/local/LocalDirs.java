package org.capenv.runner.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates and removes the per-run folder layout: {@code in/} (read-only) and {@code out/}. */
final class LocalDirs {
  private LocalDirs() {}

  /**
   * Makes {@code dir/in} and {@code dir/out}. The run folder is traversable but not listable by
   * others (so the unprivileged sandbox can reach its binds); {@code out} belongs to uid 65534 when
   * the platform runs as root, and is private to it.
   */
  static void create(Path dir, boolean root) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path in = Files.createDirectory(dir.resolve("in"));
    Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
    if (root) {
      Files.setAttribute(out, "unix:uid", LocalSandboxConfig.SANDBOX_UID);
      Files.setAttribute(out, "unix:gid", LocalSandboxConfig.SANDBOX_UID);
    }
  }

  static void recreate(Path dir, boolean root) throws IOException {
    delete(dir);
    create(dir, root);
  }

  /** Deletes a tree without following symbolic links (a tool may have left some in /out). */
  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
