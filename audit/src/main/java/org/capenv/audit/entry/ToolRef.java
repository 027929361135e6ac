package org.capenv.audit.entry;

/**
 * The tool version used, pinned by image digest (reproducibility, ACPO principle 3).
 *
 * @param image {@code registry/repo@sha256:<hex>} or {@code sha256:<hex>}; a tag is refused
 */
public record ToolRef(String name, String version, String image) {
  public ToolRef {
    Fields.requireText(name, "tool.name");
    Fields.requireText(version, "tool.version");
    Fields.imageDigest(image, "tool.image");
  }
}
