package org.capenv.catalog.manifest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for a tool's container image: {@code registry/repository@sha256:<64 lower-case hex>}. A
 * tag (mutable: the registry may serve other bytes tomorrow) is refused, with or without a digest,
 * so that what was reviewed is exactly what runs.
 */
public final class ImageReference {

  private static final Pattern DIGEST_FORM =
      Pattern.compile(
          "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+@sha256:[0-9a-f]{64}");

  private ImageReference() {}

  /** Why {@code image} is not acceptable, or empty when it is. */
  public static Optional<String> problem(String image) {
    if (DIGEST_FORM.matcher(image).matches()) {
      return Optional.empty();
    }
    int at = image.indexOf('@');
    String name = at < 0 ? image : image.substring(0, at);
    int slash = name.lastIndexOf('/');
    if (name.indexOf(':', slash + 1) >= 0) {
      return Optional.of(
          "image '" + image + "' carries a tag; a tag is refused, pin it as repo@sha256:<64 hex>");
    }
    if (at < 0) {
      return Optional.of(
          "image '" + image + "' is not pinned by digest; use registry/repo@sha256:<64 hex>");
    }
    if (slash < 0) {
      return Optional.of(
          "image '" + image + "' names no registry; use registry/repo@sha256:<64 hex>");
    }
    return Optional.of(
        "image '"
            + image
            + "' has a malformed reference or digest; expected registry/repo@sha256:<64 lower-case"
            + " hex>");
  }
}
