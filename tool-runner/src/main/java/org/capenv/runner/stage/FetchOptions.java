package org.capenv.runner.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code capenv-stage fetch}: the run's inputs into {@code dest}, and {@code capenv-exec} copied to
 * {@code installExec} for the tool container.
 *
 * @param target staging API, run and fetch token
 * @param dest the (empty) input folder, {@code /in}
 * @param inputs every input to fetch, with its expected hash and size
 * @param installExec where to install {@code capenv-exec}, if anywhere
 * @param execSource the {@code capenv-exec} binary shipped in the stager image
 */
public record FetchOptions(
    StagingTarget target,
    Path dest,
    List<InputSpec> inputs,
    Optional<Path> installExec,
    Path execSource)
    implements StageCommand {
  /** Where the stager image carries {@code capenv-exec} (see the image's Dockerfile). */
  public static final Path EXEC_SOURCE = Path.of("/opt/capenv/bin/capenv-exec");

  public FetchOptions {
    inputs = List.copyOf(inputs);
  }

  /**
   * One declared input.
   *
   * @param name file name under {@code /in}: one path segment
   * @param sha256 lowercase hex SHA-256 the bytes must have
   * @param size exact byte count
   */
  public record InputSpec(String name, String sha256, long size) {}
}
