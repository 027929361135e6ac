package org.capenv.audit.entry;

import java.util.List;

/**
 * The policy engine's decision as recorded: which bundle (by digest), allow or deny, the rules that
 * matched and the reasons given. Rule and reason order is kept as the engine reported it.
 */
public record PolicyRef(
    String bundleDigest, String decision, List<String> rules, List<String> reasons) {
  public PolicyRef {
    Fields.requireText(bundleDigest, "policy.bundleDigest");
    if (!"allow".equals(decision) && !"deny".equals(decision)) {
      throw new IllegalArgumentException("policy.decision must be allow or deny: " + decision);
    }
    rules = rules == null ? List.of() : List.copyOf(rules);
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
