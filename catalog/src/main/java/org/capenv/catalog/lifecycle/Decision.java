package org.capenv.catalog.lifecycle;

import java.util.List;

/**
 * The answer of a rule: allowed, or refused with every reason that applies (not only the first), so
 * that a reviewer can fix everything at once.
 */
public record Decision(boolean allowed, List<String> reasons) {

  public Decision {
    reasons = List.copyOf(reasons);
    if (!allowed && reasons.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
  }

  static Decision of(List<String> reasons) {
    return new Decision(reasons.isEmpty(), reasons);
  }
}
