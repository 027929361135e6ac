package org.capenv.catalog.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the lifecycle rules need to know about one tool version: its state, who submitted it, the
 * current review round and every sign-off so far. A value: each change returns a new ledger. The
 * platform rebuilds it from its tables, asks {@link Lifecycle} or {@link ApprovalRule}, and then
 * persists and audits the outcome.
 *
 * @param submitter subject id of the steward who owns and submits the version
 * @param round current review round: 0 in DRAFT, 1 after submission, one more per suspension
 */
public record ReviewLedger(
    String submitter, VersionState state, int round, List<SignOff> signOffs) {

  public ReviewLedger {
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(state, "state");
    signOffs = List.copyOf(signOffs);
    if (round < 0) {
      throw new IllegalArgumentException("round must not be negative");
    }
  }

  /** A new version being drafted by {@code submitter}. */
  public static ReviewLedger draft(String submitter) {
    return new ReviewLedger(submitter, VersionState.DRAFT, 0, List.of());
  }

  /** The sign-offs of the current round, the only ones that count. */
  public List<SignOff> currentRound() {
    return signOffs.stream().filter(s -> s.round() == round).toList();
  }

  /** This ledger with {@code signOff} added; check it first with {@link ApprovalRule#check}. */
  public ReviewLedger with(SignOff signOff) {
    List<SignOff> all = new ArrayList<>(signOffs);
    all.add(signOff);
    return new ReviewLedger(submitter, state, round, all);
  }

  /** This ledger after an allowed transition. */
  public ReviewLedger after(TransitionDecision transition) {
    if (!transition.allowed()) {
      throw new IllegalStateException("transition was refused: " + transition.reasons());
    }
    if (transition.from() != state) {
      throw new IllegalStateException(
          "transition from " + transition.from() + " applied to a ledger in " + state);
    }
    return new ReviewLedger(submitter, transition.to(), transition.round(), signOffs);
  }
}
