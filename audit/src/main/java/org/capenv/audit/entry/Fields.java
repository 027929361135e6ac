package org.capenv.audit.entry;

import java.util.regex.Pattern;

/** Validation shared by the entry records. */
final class Fields {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern IMAGE_DIGEST = Pattern.compile("(\\S+@)?sha256:[0-9a-f]{64}");

  private Fields() {}

  static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static String sha256Hex(String value, String field) {
    if (value != null && !SHA256_HEX.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be 64 lower-case hex digits: " + value);
    }
    return value;
  }

  static String imageDigest(String value, String field) {
    if (value != null && !IMAGE_DIGEST.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be [registry/repo@]sha256:<64 hex>, never a tag: " + value);
    }
    return value;
  }
}
