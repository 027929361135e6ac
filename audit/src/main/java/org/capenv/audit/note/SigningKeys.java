package org.capenv.audit.note;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where the checkpoint signing key comes from: the configured key text if there is one; otherwise,
 * only where local keys are allowed (local use, tests), a key generated once into the state folder
 * and reused after. In production a missing key is an error: the platform must not start.
 */
public final class SigningKeys {
  /** File name of the locally generated key inside the state folder. */
  public static final String LOCAL_KEY_FILE = "audit-signing.key";

  private SigningKeys() {}

  /**
   * Resolves the signer.
   *
   * @param configured the configured {@code PRIVATE+KEY+...} text, if any
   * @param stateDir the local state folder
   * @param keyName the key name for a generated key (normally the log origin)
   * @param allowLocalKey whether a key may be generated (false in production)
   */
  public static NoteSigner resolve(
      Optional<String> configured, Path stateDir, String keyName, boolean allowLocalKey)
      throws IOException {
    if (configured.isPresent() && !configured.get().isBlank()) {
      return NoteSigner.parse(configured.get());
    }
    if (!allowLocalKey) {
      throw new IllegalStateException(
          "no audit signing key configured (capenv.audit.signing-key); refusing to start");
    }
    Path file = stateDir.resolve(LOCAL_KEY_FILE);
    if (Files.exists(file)) {
      return NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8));
    }
    Files.createDirectories(stateDir);
    NoteSigner signer = NoteSigner.generate(keyName);
    Path tmp =
        Files.createTempFile(
            stateDir,
            LOCAL_KEY_FILE,
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, signer.signerKeyText() + "\n", StandardCharsets.UTF_8);
      // a hard link appears atomically and fails if the name exists, unlike rename
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException e) {
      // another process generated one first: use theirs so that both sign with one key
      return NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(tmp);
    }
    return signer;
  }
}
