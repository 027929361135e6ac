package org.capenv.api.staging.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses the staging credential from an Authorization header and hashes it for lookup. */
final class StagingCredentials {
  /** 32 random bytes in unpadded base64url. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final String SCHEME = "Bearer ";

  private StagingCredentials() {}

  /** The token of a well-formed {@code Authorization: Bearer <token>} header; else empty. */
  static Optional<String> token(String authorization) {
    if (authorization == null
        || authorization.length() <= SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(SCHEME.length()).strip();
    return TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
  }

  /** Lowercase hex SHA-256 of the token: what is stored and looked up, never the token. */
  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
