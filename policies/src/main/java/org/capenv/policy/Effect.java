package org.capenv.policy;

import java.util.Locale;

/** What a rule does when its condition holds, and the outcome of a decision. */
public enum Effect {
  ALLOW,
  DENY;

  /** The lower-case form used in policy files and policy tests ({@code allow}, {@code deny}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the lower-case form used in policy files.
   *
   * @throws IllegalArgumentException for anything other than {@code allow} or {@code deny}
   */
  public static Effect parse(String text) {
    if ("allow".equals(text)) {
      return ALLOW;
    }
    if ("deny".equals(text)) {
      return DENY;
    }
    throw new IllegalArgumentException("effect must be 'allow' or 'deny', got '" + text + "'");
  }
}
