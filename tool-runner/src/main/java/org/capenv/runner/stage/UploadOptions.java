package org.capenv.runner.stage;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code capenv-stage upload}: the declared outputs found in {@code src} to the platform, then
 * their manifest to {@code manifest}.
 *
 * @param target staging API, run and upload token
 * @param src the output folder, {@code /out}
 * @param maxTotal limit on the sum of all output sizes
 * @param manifest where the JSON manifest goes, {@code /dev/termination-log}
 * @param outputs every declared output with its own size limit
 */
public record UploadOptions(
    StagingTarget target, Path src, long maxTotal, Path manifest, List<OutputSpec> outputs)
    implements StageCommand {
  public UploadOptions {
    outputs = List.copyOf(outputs);
  }

  /**
   * One declared output.
   *
   * @param name file name under {@code /out}: one path segment
   * @param maxBytes size limit of this output
   */
  public record OutputSpec(String name, long maxBytes) {}
}
