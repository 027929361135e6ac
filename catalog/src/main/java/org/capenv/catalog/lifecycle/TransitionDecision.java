package org.capenv.catalog.lifecycle;

import java.util.List;

/**
 * The answer to "may this actor do this action now?".
 *
 * @param to the state after the action (meaningful only when allowed)
 * @param round the review round after the action (a submission opens round 1, a suspension opens
 *     the next one)
 */
public record TransitionDecision(
    boolean allowed,
    LifecycleAction action,
    VersionState from,
    VersionState to,
    int round,
    List<String> reasons) {

  public TransitionDecision {
    reasons = List.copyOf(reasons);
    if (!allowed && reasons.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
  }
}
