package org.capenv.audit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a key given inline or as {@code @file}. */
final class Keys {
  private Keys() {}

  static String read(String value) throws IOException {
    return value.startsWith("@")
        ? Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8).strip()
        : value.strip();
  }
}
