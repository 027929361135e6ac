package org.capenv.runner.spec;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An input file staged by the platform before launch: content-addressed, with the hash and size the
 * platform recorded. Runners re-check both before the tool starts.
 *
 * @param name the file name the tool sees, {@code /in/<name>}
 * @param hostPath absolute, normalised path of the staged copy on the platform host
 * @param sha256 lowercase hex SHA-256 of the content
 * @param size content length in bytes
 */
public record StagedInput(String name, Path hostPath, String sha256, long size) {
  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public StagedInput {
    Names.file("input name", name);
    if (hostPath == null || !hostPath.isAbsolute() || !hostPath.normalize().equals(hostPath)) {
      throw new InvalidRunSpecException(
          "input " + name + ": host path must be absolute and normalised, got " + hostPath);
    }
    for (Path part : hostPath) {
      if (part.toString().equals("..")) {
        throw new InvalidRunSpecException("input " + name + ": host path contains '..'");
      }
    }
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new InvalidRunSpecException(
          "input " + name + ": sha256 must be 64 lowercase hex, got " + Names.quote(sha256));
    }
    if (size < 0) {
      throw new InvalidRunSpecException("input " + name + ": size must not be negative");
    }
  }

  /** The path of this input inside the sandbox or container. */
  public String sandboxPath() {
    return "/in/" + name;
  }
}
