package org.capenv.audit.entry;

/** A named input or output and the SHA-256 of its bytes (lower-case hex). */
public record FileHash(String name, String sha256) {
  public FileHash {
    Fields.requireText(name, "file.name");
    Fields.requireText(sha256, "file.sha256");
    Fields.sha256Hex(sha256, "file.sha256");
  }
}
