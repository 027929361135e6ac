package org.capenv.catalog.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.catalog.lifecycle.Fixtures.ADMIN;
import static org.capenv.catalog.lifecycle.Fixtures.ANALYST;
import static org.capenv.catalog.lifecycle.Fixtures.DPO;
import static org.capenv.catalog.lifecycle.Fixtures.ETHICIST;
import static org.capenv.catalog.lifecycle.Fixtures.ETHICS;
import static org.capenv.catalog.lifecycle.Fixtures.INFO;
import static org.capenv.catalog.lifecycle.Fixtures.OTHER_STEWARD;
import static org.capenv.catalog.lifecycle.Fixtures.SEC;
import static org.capenv.catalog.lifecycle.Fixtures.SECURITY;
import static org.capenv.catalog.lifecycle.Fixtures.STEWARD;
import static org.capenv.catalog.lifecycle.Fixtures.signOff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleTransitionsTest {

  /** The lifecycle as the ADR states it, written out independently of the implementation. */
  private static final Map<String, VersionState> ALLOWED =
      Map.of(
          "DRAFT SUBMIT", VersionState.IN_REVIEW,
          "IN_REVIEW APPROVE", VersionState.APPROVED,
          "IN_REVIEW REJECT", VersionState.REJECTED,
          "APPROVED SUSPEND", VersionState.SUSPENDED,
          "APPROVED RETIRE", VersionState.RETIRED,
          "SUSPENDED REINSTATE", VersionState.APPROVED,
          "SUSPENDED RETIRE", VersionState.RETIRED);

  private final Lifecycle lifecycle = new Lifecycle(ApprovalRule.defaults());

  static Stream<Arguments> everyStateAndAction() {
    List<Arguments> all = new ArrayList<>();
    for (VersionState s : VersionState.values()) {
      for (LifecycleAction a : LifecycleAction.values()) {
        all.add(Arguments.of(s, a));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} --{1}-->")
  @MethodSource("everyStateAndAction")
  void transitionTableIsExactlyTheDocumentedOne(VersionState from, LifecycleAction action) {
    VersionState expected = ALLOWED.get(from + " " + action);
    assertThat(Lifecycle.target(from, action)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "{0} --{1}--> refused")
  @MethodSource("everyStateAndAction")
  void aMoveOutsideTheTableIsRefusedWhoeverAsks(VersionState from, LifecycleAction action) {
    if (ALLOWED.containsKey(from + " " + action)) {
      return;
    }
    Actor everything = new Actor("root-like", Set.of("tool-steward", "platform-admin", ETHICS));
    ReviewLedger ledger = new ReviewLedger("root-like", from, 1, List.of());
    TransitionDecision d = lifecycle.decide(ledger, action, everything, "because");
    assertThat(d.allowed()).isFalse();
    assertThat(d.outcome()).isEqualTo(TransitionDecision.Outcome.NOT_IN_THIS_STATE);
    assertThat(d.to()).isEqualTo(from);
    assertThat(d.reasons().get(0)).contains(action + " is not possible from " + from);
  }

  @ParameterizedTest
  @EnumSource(VersionState.class)
  void onlyApprovedIsRunnable(VersionState state) {
    assertThat(state.runnable()).isEqualTo(state == VersionState.APPROVED);
    assertThat(state.frozen()).isEqualTo(state != VersionState.DRAFT);
  }

  @Test
  void fullPathSubmitApproveSuspendReinstateRetire() {
    ReviewLedger l = ReviewLedger.draft(STEWARD.id());
    l = l.after(allowed(lifecycle.decide(l, LifecycleAction.SUBMIT, STEWARD, null)));
    assertThat(l.state()).isEqualTo(VersionState.IN_REVIEW);
    assertThat(l.round()).isEqualTo(1);

    l = l.with(signOff(ETHICIST, ETHICS, 1)).with(signOff(DPO, INFO, 1));
    assertThat(lifecycle.decide(l, LifecycleAction.APPROVE, SEC, null).reasons())
        .containsExactly("no sign-off yet in role 'reviewer-security'");
    l = l.with(signOff(SEC, SECURITY, 1));
    l = l.after(allowed(lifecycle.decide(l, LifecycleAction.APPROVE, SEC, null)));
    assertThat(l.state().runnable()).isTrue();

    l = l.after(allowed(lifecycle.decide(l, LifecycleAction.SUSPEND, DPO, "complaint received")));
    assertThat(l.state()).isEqualTo(VersionState.SUSPENDED);
    assertThat(l.round()).isEqualTo(2);
    // the round-1 sign-offs do not reinstate: a suspended version needs a fresh review round
    TransitionDecision early = lifecycle.decide(l, LifecycleAction.REINSTATE, SEC, null);
    assertThat(early.allowed()).isFalse();
    assertThat(early.outcome()).isEqualTo(TransitionDecision.Outcome.INCOMPLETE);
    assertThat(early.reasons()).hasSize(3);

    l =
        l.with(signOff(ETHICIST, ETHICS, 2))
            .with(signOff(DPO, INFO, 2))
            .with(signOff(SEC, SECURITY, 2));
    l = l.after(allowed(lifecycle.decide(l, LifecycleAction.REINSTATE, ETHICIST, null)));
    assertThat(l.state()).isEqualTo(VersionState.APPROVED);

    l =
        l.after(
            allowed(lifecycle.decide(l, LifecycleAction.RETIRE, STEWARD, "superseded by 1.1.0")));
    assertThat(l.state()).isEqualTo(VersionState.RETIRED);
    assertThat(l.state().terminal()).isTrue();
  }

  /** Who may do each allowed action: the allow case and the deny cases. */
  @ParameterizedTest(name = "{0} by {1} -> {2}")
  @CsvSource({
    "SUBMIT, steve, true",
    "SUBMIT, sally, false",
    "SUBMIT, ann, false",
    "SUBMIT, ada, false",
    "REJECT, erin, true",
    "REJECT, steve, false",
    "REJECT, ann, false",
    "REJECT, ada, false",
    "SUSPEND, erin, true",
    "SUSPEND, steve, true",
    "SUSPEND, ada, true",
    "SUSPEND, ann, false",
    "RETIRE, steve, true",
    "RETIRE, ada, true",
    "RETIRE, erin, false",
    "RETIRE, ann, false",
  })
  void rolesPerAction(LifecycleAction action, String who, boolean allowed) {
    Actor actor =
        Stream.of(STEWARD, OTHER_STEWARD, ANALYST, ADMIN, ETHICIST)
            .filter(a -> a.id().equals(who))
            .findFirst()
            .orElseThrow();
    VersionState from =
        switch (action) {
          case SUBMIT -> VersionState.DRAFT;
          case REJECT -> VersionState.IN_REVIEW;
          default -> VersionState.APPROVED;
        };
    ReviewLedger ledger = new ReviewLedger(STEWARD.id(), from, 1, List.of());
    TransitionDecision d = lifecycle.decide(ledger, action, actor, "a reason");
    assertThat(d.allowed()).isEqualTo(allowed);
    assertThat(d.outcome())
        .isEqualTo(
            allowed ? TransitionDecision.Outcome.ALLOWED : TransitionDecision.Outcome.FORBIDDEN);
  }

  @ParameterizedTest
  @CsvSource({"REJECT, IN_REVIEW", "SUSPEND, APPROVED", "RETIRE, APPROVED", "RETIRE, SUSPENDED"})
  void reasonIsRequired(LifecycleAction action, VersionState from) {
    Actor actor = new Actor("boss", Set.of("platform-admin", "tool-steward", ETHICS));
    ReviewLedger ledger = new ReviewLedger(STEWARD.id(), from, 1, List.of());
    TransitionDecision d = lifecycle.decide(ledger, action, actor, "  ");
    assertThat(d.reasons()).anyMatch(r -> r.contains("needs a reason"));
    assertThat(d.outcome()).isEqualTo(TransitionDecision.Outcome.INCOMPLETE);
    assertThat(lifecycle.decide(ledger, action, actor, "documented").allowed()).isTrue();
  }

  @Test
  void submitterApprovingIsForbiddenEvenWithAllSignOffs() {
    Actor stewardReviewer = new Actor(STEWARD.id(), Set.of("tool-steward", ETHICS));
    ReviewLedger l =
        Fixtures.inReview(
            signOff(ETHICIST, ETHICS, 1), signOff(DPO, INFO, 1), signOff(SEC, SECURITY, 1));
    TransitionDecision d = lifecycle.decide(l, LifecycleAction.APPROVE, stewardReviewer, null);
    assertThat(d.outcome()).isEqualTo(TransitionDecision.Outcome.FORBIDDEN);
    assertThat(d.reasons()).contains("the submitter can never approve their own version");
  }

  private static TransitionDecision allowed(TransitionDecision d) {
    assertThat(d.reasons()).isEmpty();
    assertThat(d.allowed()).isTrue();
    return d;
  }
}
