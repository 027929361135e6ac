package org.capenv.runner.spec;

import java.util.regex.Pattern;

/**
 * A container image pinned by content digest: {@code registry/repository@sha256:<64 hex>}.
 *
 * <p>A tag (or a tag plus digest) is refused: a tag can be moved to other content after approval, a
 * digest cannot, so only a digest proves which image ran.
 */
public record ImageReference(String repository, String digest) {
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public ImageReference {
    if (repository == null || !REPOSITORY.matcher(repository).matches()) {
      throw new InvalidRunSpecException(
          "image repository "
              + Names.quote(repository)
              + " must be registry/repository (with a registry host) and no tag");
    }
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new InvalidRunSpecException(
          "image digest " + Names.quote(digest) + " must be sha256:<64 lowercase hex>");
    }
  }

  /** Parses {@code registry/repository@sha256:<hex>}; refuses tags and missing digests. */
  public static ImageReference parse(String reference) {
    if (reference == null) {
      throw new InvalidRunSpecException("image reference is missing");
    }
    int at = reference.indexOf('@');
    if (at < 0) {
      throw new InvalidRunSpecException(
          "image "
              + Names.quote(reference)
              + " is not pinned by digest (@sha256:...); tags are refused");
    }
    String name = reference.substring(0, at);
    int lastSlash = name.lastIndexOf('/');
    if (name.indexOf(':', lastSlash + 1) >= 0) {
      throw new InvalidRunSpecException(
          "image " + Names.quote(reference) + " carries a tag; give the digest only");
    }
    return new ImageReference(name, reference.substring(at + 1));
  }

  @Override
  public String toString() {
    return repository + "@" + digest;
  }
}
