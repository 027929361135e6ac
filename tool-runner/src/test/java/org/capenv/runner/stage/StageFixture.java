package org.capenv.runner.stage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** Runs {@code capenv-stage} in-process and keeps what it logged. */
final class StageFixture {
  /** A token as the platform issues them; no message may ever contain it. */
  static final String TOKEN = "Zq3-secret-token_0123456789abcdefghijklmnopq";

  final Path tokenFile;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  StageFixture(Path dir) throws IOException {
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
  }

  int run(Duration retry, String... args) {
    return CapenvStage.run(args, new PrintStream(logged, true, StandardCharsets.UTF_8), retry);
  }

  int run(String... args) {
    return run(Duration.ofMillis(300), args);
  }

  String log() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
