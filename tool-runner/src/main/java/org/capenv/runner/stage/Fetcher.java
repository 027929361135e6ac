package org.capenv.runner.stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.capenv.runner.Sha256;

/**
 * {@code capenv-stage fetch}: downloads each declared input into the empty input folder and keeps
 * it only if its SHA-256 and size are exactly the declared ones. Every byte past the declared size
 * is refused while it streams; a file is written under a temporary name that no input name can have
 * (inputs start with a letter or digit) and renamed once verified. On any failure every file this
 * command wrote is removed, so the tool never starts on partial or unverified inputs.
 */
final class Fetcher {
  private final FetchOptions options;
  private final StagingClient client;
  private final PrintStream log;
  private final List<Path> written = new ArrayList<>();

  Fetcher(FetchOptions options, StagingClient client, PrintStream log) {
    this.options = options;
    this.client = client;
    this.log = log;
  }

  void run() throws StageException {
    Path dest = options.dest();
    requireEmptyFolder(dest);
    try {
      for (FetchOptions.InputSpec input : options.inputs()) {
        fetch(dest, input);
      }
      if (options.installExec().isPresent()) {
        installExec(options.execSource(), options.installExec().get());
      }
    } catch (StageException | RuntimeException e) {
      removeWritten();
      throw e;
    }
  }

  private void fetch(Path dest, FetchOptions.InputSpec input) throws StageException {
    HttpResponse<InputStream> response = client.fetch(input.name());
    if (response.statusCode() != 200) {
      throw StagingClient.refusal("fetch input " + input.name(), response);
    }
    Optional<String> announced = response.headers().firstValue("X-Content-SHA256");
    Path partial = dest.resolve("." + input.name() + ".partial");
    Path target = dest.resolve(input.name());
    MessageDigest digest = Sha256.newDigest();
    long size = 0;
    try (InputStream in = response.body()) {
      if (announced.isPresent() && !announced.get().equals(input.sha256())) {
        throw StageException.data(
            "input "
                + input.name()
                + ": the platform serves sha256 "
                + StageArguments.printable(announced.get())
                + ", the run declares "
                + input.sha256());
      }
      written.add(partial);
      try (OutputStream out =
          Files.newOutputStream(
              partial,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = receive(input, in, buffer)) > 0) {
          size += n;
          if (size > input.size()) {
            throw StageException.data(
                "input "
                    + input.name()
                    + " is longer than its declared "
                    + input.size()
                    + " bytes");
          }
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      throw new StageException(
          StageException.IO, "cannot write input " + input.name() + ": " + e.getMessage(), e);
    }
    String sha256 = HexFormat.of().formatHex(digest.digest());
    if (size != input.size() || !sha256.equals(input.sha256())) {
      throw StageException.data(
          "input "
              + input.name()
              + " has sha256 "
              + sha256
              + " and "
              + size
              + " bytes; the run declares sha256 "
              + input.sha256()
              + " and "
              + input.size()
              + " bytes");
    }
    try {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("r--r--r--"));
      // without REPLACE_EXISTING: a file already there (it cannot be, the folder was empty) fails
      Files.move(partial, target, LinkOption.NOFOLLOW_LINKS);
      written.remove(partial);
      written.add(target);
    } catch (IOException e) {
      throw new StageException(StageException.IO, "cannot place input " + input.name(), e);
    }
    log.printf(
        "capenv-stage: input %s verified (%d bytes, sha256 %s)%n", input.name(), size, sha256);
  }

  /** Reads from the network: a failure here is the connection's, not the local disk's. */
  private static int receive(FetchOptions.InputSpec input, InputStream in, byte[] buffer)
      throws StageException {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      throw new StageException(
          StageException.UNAVAILABLE,
          "input " + input.name() + " was not received completely: " + e.getMessage(),
          e);
    }
  }

  /** Copies {@code capenv-exec} for the tool container: a new file, read and execute only. */
  private void installExec(Path source, Path target) throws StageException {
    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
      written.add(target);
      try (OutputStream out =
          Files.newOutputStream(
              target,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        in.transferTo(out);
      }
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
    } catch (IOException e) {
      throw new StageException(
          StageException.IO, "cannot install capenv-exec at " + target + ": " + e, e);
    }
    log.printf("capenv-stage: capenv-exec installed at %s%n", target);
  }

  /** The input folder must be a real, empty folder: anything already in it was not verified. */
  private static void requireEmptyFolder(Path dest) throws StageException {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(dest, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isDirectory()) {
        throw StageException.usage("--dest " + dest + " is not a folder (or is a symbolic link)");
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dest)) {
        for (Path entry : entries) {
          throw StageException.data(
              "--dest "
                  + dest
                  + " is not empty ("
                  + StageArguments.printable(entry.getFileName().toString())
                  + "); only verified inputs may be in it");
        }
      }
    } catch (IOException e) {
      throw new StageException(StageException.IO, "cannot read --dest " + dest + ": " + e, e);
    }
  }

  private void removeWritten() {
    for (Path path : written) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        log.printf("capenv-stage: could not remove %s after the failure%n", path);
      }
    }
    written.clear();
  }
}
