package org.capenv.catalog.lifecycle;

import java.util.List;
import java.util.Map;

/**
 * Whether the sign-offs of a round approve a version.
 *
 * @param signers when approved, the distinct person counted for each review role
 * @param reasons when not approved, what is missing
 */
public record ApprovalDecision(
    boolean approved, Map<String, String> signers, List<String> reasons) {

  public ApprovalDecision {
    signers = Map.copyOf(signers);
    reasons = List.copyOf(reasons);
  }
}
