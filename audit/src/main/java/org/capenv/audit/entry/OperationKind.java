package org.capenv.audit.entry;

import java.util.Locale;

/**
 * The processing operations that the Data Protection Act 2018 s.62 requires a law-enforcement
 * controller to log. Encoded in the canonical form as the lower-case name.
 */
public enum OperationKind {
  COLLECTION,
  ALTERATION,
  CONSULTATION,
  DISCLOSURE,
  COMBINATION,
  ERASURE;

  /** The canonical form ({@code "disclosure"}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the canonical form; unknown codes are refused. */
  public static OperationKind fromCode(String code) {
    for (OperationKind k : values()) {
      if (k.code().equals(code)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown operation kind: " + code);
  }
}
