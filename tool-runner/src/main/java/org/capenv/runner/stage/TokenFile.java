package org.capenv.runner.stage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads the run's staging token from the file the Secret is mounted at. The token's value never
 * appears in a message: a refusal says only what is wrong with the file.
 */
final class TokenFile {
  /** RFC 6750 {@code b64token} characters; the platform issues 43 base64url characters. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

  private static final int MAX_BYTES = 4096;

  private TokenFile() {}

  static String read(Path file) throws StageException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new StageException(
          StageException.IO,
          "cannot read --token-file " + file + ": " + e.getClass().getSimpleName());
    }
    if (bytes.length > MAX_BYTES) {
      throw StageException.usage("--token-file " + file + " is larger than a staging token");
    }
    String token = new String(bytes, StandardCharsets.US_ASCII).strip();
    if (!TOKEN.matcher(token).matches()) {
      throw StageException.usage("--token-file " + file + " does not hold a bearer token");
    }
    return token;
  }
}
