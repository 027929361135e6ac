package org.capenv.api.security;

import java.util.Locale;

/**
 * National Police Personnel Vetting level of a caller, ordered from least to most trusted. A
 * missing or unknown claim value is {@link #NONE}: the caller is treated as unvetted.
 */
public enum Vetting {
  NONE,
  NPPV1,
  NPPV2,
  NPPV3;

  /** Parses a {@code vetting} claim; anything not exactly a known level gives {@link #NONE}. */
  public static Vetting fromClaim(String claim) {
    if (claim == null) {
      return NONE;
    }
    return switch (claim.trim().toUpperCase(Locale.ROOT)) {
      case "NPPV1" -> NPPV1;
      case "NPPV2" -> NPPV2;
      case "NPPV3" -> NPPV3;
      default -> NONE;
    };
  }

  /** Whether this level is at least {@code required}. */
  public boolean atLeast(Vetting required) {
    return compareTo(required) >= 0;
  }
}
