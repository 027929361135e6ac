package org.capenv.runner;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One captured output file with the hash the runner computed over the bytes it captured.
 *
 * @param name declared output name
 * @param sha256 lowercase hex SHA-256 of the content
 * @param size content length in bytes
 * @param localPath where the content is on this host (local backend); empty for the Kubernetes
 *     backend, where the upload container sent the content to the platform's staging endpoint and
 *     the platform must check that what it received has this hash
 */
public record RunOutput(String name, String sha256, long size, Optional<Path> localPath) {
  public RunOutput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(localPath, "localPath");
  }
}
