package org.capenv.audit.entry;

import java.util.Locale;

/** Whether the audited action took effect. */
public enum Outcome {
  /** The action took effect. */
  SUCCESS,
  /** Refused by policy or authorisation before anything happened. */
  DENIED,
  /** Attempted and failed (error, timeout, non-zero exit). */
  FAILURE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Outcome fromCode(String code) {
    for (Outcome o : values()) {
      if (o.code().equals(code)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown outcome: " + code);
  }
}
