package org.capenv.audit.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a key given inline or as {@code @file}. */
final class Keys {
  private Keys() {}

  static String read(String value) throws IOException {
    return value.startsWith("@")
        ? TextFiles.read(Path.of(value.substring(1)), "key file").strip()
        : value.strip();
  }
}
