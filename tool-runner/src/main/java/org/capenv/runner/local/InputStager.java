package org.capenv.runner.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.capenv.runner.RunnerException;
import org.capenv.runner.Sha256;
import org.capenv.runner.spec.StagedInput;

/**
 * Copies each staged input into the run's private input folder, hashing while copying.
 *
 * <p>The tool reads the copy, and the copy is the exact bytes that were hashed: a change to the
 * platform's staged file after this point cannot reach the tool, and a staged file that does not
 * match the hash and size the platform recorded stops the launch.
 */
final class InputStager {
  private InputStager() {}

  static void stage(Iterable<StagedInput> inputs, Path inDir) {
    for (StagedInput input : inputs) {
      Path target = inDir.resolve(input.name());
      Sha256.Hashed hashed;
      try (InputStream in =
              Channels.newInputStream(
                  Files.newByteChannel(
                      input.hostPath(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
          OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
        hashed = Sha256.copy(in, out, input.size());
      } catch (IOException e) {
        throw new RunnerException(
            "input " + input.name() + ": cannot stage " + input.hostPath() + ": " + e.getMessage(),
            e);
      }
      if (!hashed.hex().equals(input.sha256()) || hashed.size() != input.size()) {
        throw new RunnerException(
            "input "
                + input.name()
                + ": staged content does not match; expected sha256 "
                + input.sha256()
                + " size "
                + input.size()
                + ", actual sha256 "
                + hashed.hex()
                + " size "
                + hashed.size());
      }
      try {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
      } catch (IOException e) {
        throw new RunnerException("input " + input.name() + ": cannot make the copy read-only", e);
      }
    }
  }
}
