package org.capenv.runner.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.capenv.runner.RunOutput;
import org.capenv.runner.Sha256;
import org.capenv.runner.spec.DeclaredOutput;
import org.capenv.runner.spec.RunSpec;

/**
 * Checks and hashes what a finished sandbox left in its output folder.
 *
 * <p>Runs only after every process of the run is gone, so nothing can change a file between the
 * check and the hash. Only regular, singly-linked files with declared names are accepted; a
 * symbolic link, a folder, a FIFO, a socket, a device, a hard link or an undeclared name fails the
 * run (never followed, never hashed), as does a file over its own limit or a total over the run's
 * output limit.
 */
final class OutputCollector {
  private OutputCollector() {}

  static List<RunOutput> collect(RunSpec spec, Path outDir) throws OutputRejectedException {
    Map<String, BasicFileAttributes> found = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(outDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        BasicFileAttributes attributes =
            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
          throw new OutputRejectedException(
              "OutputRejected",
              "/out/" + name + " is not a regular file (" + kind(attributes) + ")");
        }
        Object links = Files.getAttribute(entry, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        if (links instanceof Integer count && count != 1) {
          throw new OutputRejectedException("OutputRejected", "/out/" + name + " is a hard link");
        }
        Optional<DeclaredOutput> declared = spec.output(name);
        if (declared.isEmpty()) {
          throw new OutputRejectedException(
              "OutputRejected", "/out/" + name + " is not a declared output");
        }
        if (attributes.size() > declared.get().maxBytes()) {
          throw new OutputRejectedException(
              "OutputLimitExceeded",
              "/out/"
                  + name
                  + " has "
                  + attributes.size()
                  + " bytes, limit "
                  + declared.get().maxBytes());
        }
        found.put(name, attributes);
      }
    } catch (IOException e) {
      throw new OutputRejectedException("OutputRejected", "cannot read outputs: " + e.getMessage());
    }
    long total = found.values().stream().mapToLong(BasicFileAttributes::size).sum();
    if (total > spec.limits().outputMaxBytes()) {
      throw new OutputRejectedException(
          "OutputLimitExceeded",
          "outputs total " + total + " bytes, limit " + spec.limits().outputMaxBytes());
    }
    List<RunOutput> outputs = new ArrayList<>();
    for (String name : found.keySet()) {
      Path file = outDir.resolve(name);
      try (InputStream in =
          Channels.newInputStream(
              Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
        Sha256.Hashed hashed = Sha256.of(in);
        outputs.add(new RunOutput(name, hashed.hex(), hashed.size(), Optional.of(file)));
      } catch (IOException e) {
        throw new OutputRejectedException("OutputRejected", "cannot hash /out/" + name);
      }
    }
    return List.copyOf(outputs);
  }

  private static String kind(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "symbolic link";
    }
    if (attributes.isDirectory()) {
      return "directory";
    }
    return "special file";
  }
}
