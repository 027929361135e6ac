package org.capenv.runner.stage;

import java.util.List;

/**
 * One entry of the manifest {@code stage-out} writes to its termination message, read back by the
 * runner's {@code OutputManifest}: {@code [{"name":..,"sha256":..,"size":..}]}.
 *
 * @param name declared output name
 * @param sha256 lowercase hex SHA-256 of the bytes uploaded, equal to the platform's receipt
 * @param size byte count
 */
public record OutputManifestEntry(String name, String sha256, long size) {
  /** Kubernetes keeps at most 4096 bytes of a termination message. */
  static final int MAX_BYTES = 4096;

  /** The manifest of {@code entries}, in their order. */
  static String json(List<OutputManifestEntry> entries) {
    StringBuilder out = new StringBuilder("[");
    for (OutputManifestEntry entry : entries) {
      out.append(out.length() == 1 ? "" : ",")
          .append("{\"name\":")
          .append(Json.quote(entry.name()))
          .append(",\"sha256\":")
          .append(Json.quote(entry.sha256()))
          .append(",\"size\":")
          .append(entry.size())
          .append('}');
    }
    return out.append(']').toString();
  }
}
