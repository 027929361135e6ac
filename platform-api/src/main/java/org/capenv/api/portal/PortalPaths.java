package org.capenv.api.portal;

/** The portal's part of the URL space: {@code /portal} and everything under it. */
public final class PortalPaths {
  private PortalPaths() {}

  /** True if {@code path} (decoded, from the root) is the portal's. */
  public static boolean contains(String path) {
    return path != null && (path.equals("/portal") || path.startsWith("/portal/"));
  }
}
