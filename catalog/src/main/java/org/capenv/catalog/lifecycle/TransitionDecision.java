package org.capenv.catalog.lifecycle;

import java.util.List;

/**
 * The answer to "may this actor do this action now?".
 *
 * @param outcome why not, in a form the REST layer can map to a status: {@link
 *     Outcome#NOT_IN_THIS_STATE} to 409, {@link Outcome#FORBIDDEN} to 403, {@link
 *     Outcome#INCOMPLETE} to 409 or 422 (approval rule not met, reason missing)
 * @param to the state after the action (meaningful only when allowed)
 * @param round the review round after the action (a submission opens round 1, a suspension opens
 *     the next one)
 */
public record TransitionDecision(
    boolean allowed,
    Outcome outcome,
    LifecycleAction action,
    VersionState from,
    VersionState to,
    int round,
    List<String> reasons) {

  /** The kind of answer; when several reasons apply the most fundamental one is given. */
  public enum Outcome {
    ALLOWED,
    /** The move does not exist from the current state. */
    NOT_IN_THIS_STATE,
    /** The actor may not do this (role, or four eyes). */
    FORBIDDEN,
    /** The actor may, but something is missing (sign-offs, a reason). */
    INCOMPLETE
  }

  public TransitionDecision {
    if (allowed != (outcome == Outcome.ALLOWED)) {
      throw new IllegalArgumentException("allowed and outcome disagree");
    }
    reasons = List.copyOf(reasons);
    if (!allowed && reasons.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
  }
}
