package org.capenv.audit.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small text files the CLI reads (a key, a signed note, a password, exported checkpoints):
 * strict UTF-8 and bounded, so that a wrong or hostile file is refused with a message naming it
 * rather than read whole into memory or decoded with replacement characters.
 */
final class TextFiles {
  /** Far above any key, note or password: a note with a few signatures is under 1 KB. */
  static final int MAX_BYTES = 64 << 10;

  private TextFiles() {}

  /** The whole of a small file, e.g. {@code what} = "trusted checkpoint". */
  static String read(Path file, String what) throws IOException {
    String name = what + " " + file;
    try (InputStream in = open(file, name)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw tooLong(name);
      }
      return decode(bytes, name);
    }
  }

  /**
   * The lines of a file of short lines, each at most {@link #MAX_BYTES}; a line may end in {@code
   * \r\n}.
   */
  static List<String> lines(Path file, String what) throws IOException {
    String name = what + " " + file;
    List<String> lines = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(open(file, name))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          byte[] bytes = line.toByteArray();
          int length =
              bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          lines.add(decode(Arrays.copyOf(bytes, length), lineOf(name, lines)));
          line.reset();
        } else if (line.size() == MAX_BYTES) {
          throw tooLong(lineOf(name, lines));
        } else {
          line.write(b);
        }
      }
      if (line.size() > 0) {
        lines.add(decode(line.toByteArray(), lineOf(name, lines)));
      }
      return lines;
    }
  }

  /** Opens {@code file}; a missing or unreadable one is named in the error. */
  private static InputStream open(Path file, String name) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new IOException(name + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new IOException(name + " cannot be read (permission denied)", e);
    }
  }

  /** The line being read, after {@code lines}, as errors name it. */
  private static String lineOf(String name, List<String> lines) {
    return name + " line " + (lines.size() + 1);
  }

  private static IOException tooLong(String where) {
    return new IOException(where + " is longer than " + MAX_BYTES + " bytes");
  }

  private static String decode(byte[] bytes, String where) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(where + " is not UTF-8 text", e);
    }
  }
}
