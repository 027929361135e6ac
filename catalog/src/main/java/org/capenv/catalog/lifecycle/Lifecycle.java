package org.capenv.catalog.lifecycle;

import static org.capenv.catalog.lifecycle.VersionState.APPROVED;
import static org.capenv.catalog.lifecycle.VersionState.DRAFT;
import static org.capenv.catalog.lifecycle.VersionState.IN_REVIEW;
import static org.capenv.catalog.lifecycle.VersionState.REJECTED;
import static org.capenv.catalog.lifecycle.VersionState.RETIRED;
import static org.capenv.catalog.lifecycle.VersionState.SUSPENDED;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.capenv.catalog.lifecycle.TransitionDecision.Outcome;

/**
 * The lifecycle of a tool version: which action moves which state where, who may do it, and what
 * else must hold. Pure: it decides, the platform persists the new state and audits the decision in
 * the same transaction. Decisions are recorded in docs/adr/0050-tool-version-lifecycle.md.
 */
public final class Lifecycle {

  public static final String TOOL_STEWARD = "tool-steward";
  public static final String PLATFORM_ADMIN = "platform-admin";

  private static final Map<VersionState, Map<LifecycleAction, VersionState>> MOVES =
      new EnumMap<>(VersionState.class);

  static {
    for (VersionState s : VersionState.values()) {
      MOVES.put(s, new EnumMap<>(LifecycleAction.class));
    }
    MOVES.get(DRAFT).put(LifecycleAction.SUBMIT, IN_REVIEW);
    MOVES.get(IN_REVIEW).put(LifecycleAction.APPROVE, APPROVED);
    MOVES.get(IN_REVIEW).put(LifecycleAction.REJECT, REJECTED);
    MOVES.get(APPROVED).put(LifecycleAction.SUSPEND, SUSPENDED);
    MOVES.get(APPROVED).put(LifecycleAction.RETIRE, RETIRED);
    MOVES.get(SUSPENDED).put(LifecycleAction.REINSTATE, APPROVED);
    MOVES.get(SUSPENDED).put(LifecycleAction.RETIRE, RETIRED);
  }

  private final ApprovalRule approvalRule;

  public Lifecycle(ApprovalRule approvalRule) {
    this.approvalRule = approvalRule;
  }

  public ApprovalRule approvalRule() {
    return approvalRule;
  }

  /** Where {@code action} leads from {@code from}, or empty when the move does not exist. */
  public static Optional<VersionState> target(VersionState from, LifecycleAction action) {
    return Optional.ofNullable(MOVES.get(from).get(action));
  }

  /**
   * May {@code actor} do {@code action} on the version in {@code ledger} now?
   *
   * @param reason the actor's stated reason; required for REJECT, SUSPEND and RETIRE
   */
  public TransitionDecision decide(
      ReviewLedger ledger, LifecycleAction action, Actor actor, String reason) {
    VersionState from = ledger.state();
    Optional<VersionState> to = target(from, action);
    List<String> reasons = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    if (to.isEmpty()) {
      reasons.add(action + " is not possible from " + from + allowedHint(from));
      return new TransitionDecision(
          false, Outcome.NOT_IN_THIS_STATE, action, from, from, ledger.round(), reasons);
    }
    boolean submitter = actor.id().equals(ledger.submitter());
    boolean reviewer = approvalRule.isReviewer(actor);
    boolean hasReason = reason != null && !reason.isBlank();
    int round = ledger.round();
    switch (action) {
      case SUBMIT -> {
        require(actor.holds(TOOL_STEWARD), "only a tool-steward may submit", reasons);
        require(submitter, "only the version's own steward may submit it", reasons);
        round = 1;
      }
      case APPROVE, REINSTATE -> {
        require(reviewer, "only a reviewer may " + verb(action) + " a version", reasons);
        require(!submitter, "the submitter can never approve their own version", reasons);
        ApprovalDecision approval =
            approvalRule.evaluate(ledger.submitter(), ledger.round(), ledger.signOffs());
        missing.addAll(approval.reasons());
      }
      case REJECT -> {
        require(reviewer, "only a reviewer may reject a version", reasons);
        require(!submitter, "the submitter cannot review their own version", reasons);
        require(hasReason, "a rejection needs a reason", missing);
      }
      case SUSPEND -> {
        require(
            reviewer || actor.holds(TOOL_STEWARD) || actor.holds(PLATFORM_ADMIN),
            "only a reviewer, a tool-steward or a platform-admin may suspend",
            reasons);
        require(hasReason, "a suspension needs a reason", missing);
        round = ledger.round() + 1;
      }
      case RETIRE -> {
        require(
            actor.holds(TOOL_STEWARD) || actor.holds(PLATFORM_ADMIN),
            "only a tool-steward or a platform-admin may retire",
            reasons);
        require(hasReason, "a retirement needs a reason", missing);
      }
    }
    Outcome outcome;
    if (!reasons.isEmpty()) {
      outcome = Outcome.FORBIDDEN;
    } else if (!missing.isEmpty()) {
      outcome = Outcome.INCOMPLETE;
    } else {
      outcome = Outcome.ALLOWED;
    }
    reasons.addAll(missing);
    boolean allowed = outcome == Outcome.ALLOWED;
    return new TransitionDecision(
        allowed,
        outcome,
        action,
        from,
        allowed ? to.get() : from,
        allowed ? round : ledger.round(),
        reasons);
  }

  private static String allowedHint(VersionState from) {
    Set<LifecycleAction> possible = MOVES.get(from).keySet();
    return possible.isEmpty() ? " (" + from + " is final)" : " (possible: " + possible + ")";
  }

  private static String verb(LifecycleAction action) {
    return action == LifecycleAction.APPROVE ? "approve" : "reinstate";
  }

  private static void require(boolean condition, String reason, List<String> reasons) {
    if (!condition) {
      reasons.add(reason);
    }
  }
}
