package org.capenv.api.security;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How far beyond their own force a caller may see runs and outputs, from the {@code data_scope}
 * claim: {@code force} (the default), {@code region:<name>} or {@code national}.
 *
 * @param kind the breadth of the scope
 * @param region the region name, present only for {@link Kind#REGION}
 */
public record DataScope(Kind kind, Optional<String> region) {
  private static final Pattern REGION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  /** The breadth of a scope, narrowest first. */
  public enum Kind {
    FORCE,
    REGION,
    NATIONAL
  }

  /** The caller's own force only. */
  public static final DataScope FORCE = new DataScope(Kind.FORCE, Optional.empty());

  /** Every force. */
  public static final DataScope NATIONAL = new DataScope(Kind.NATIONAL, Optional.empty());

  public DataScope {
    if ((kind == Kind.REGION) != region.isPresent()) {
      throw new IllegalArgumentException("a region scope, and only it, names a region");
    }
  }

  /**
   * Parses a {@code data_scope} claim. A missing, empty or malformed value gives {@link #FORCE},
   * the narrowest scope: a typo in the identity provider must never widen access.
   */
  public static DataScope fromClaim(String claim) {
    if (claim == null) {
      return FORCE;
    }
    if (claim.equals("national")) {
      return NATIONAL;
    }
    if (claim.startsWith("region:")) {
      String name = claim.substring("region:".length());
      if (REGION_NAME.matcher(name).matches()) {
        return new DataScope(Kind.REGION, Optional.of(name));
      }
    }
    return FORCE;
  }

  /** The claim form of this scope, e.g. {@code region:eastern}. */
  public String claimValue() {
    return switch (kind) {
      case FORCE -> "force";
      case REGION -> "region:" + region.orElseThrow();
      case NATIONAL -> "national";
    };
  }
}
