package org.capenv.catalog.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.catalog.lifecycle.Fixtures.DOUBLE;
import static org.capenv.catalog.lifecycle.Fixtures.DPO;
import static org.capenv.catalog.lifecycle.Fixtures.ETHICIST;
import static org.capenv.catalog.lifecycle.Fixtures.ETHICS;
import static org.capenv.catalog.lifecycle.Fixtures.INFO;
import static org.capenv.catalog.lifecycle.Fixtures.SECURITY;
import static org.capenv.catalog.lifecycle.Fixtures.STEWARD;
import static org.capenv.catalog.lifecycle.Fixtures.fullChecklist;
import static org.capenv.catalog.lifecycle.Fixtures.inReview;
import static org.capenv.catalog.lifecycle.Fixtures.signOff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SignOffCheckTest {

  private final ApprovalRule rule = ApprovalRule.defaults();

  static Stream<Arguments> cases() {
    Actor stewardReviewer = new Actor(STEWARD.id(), Set.of("tool-steward", ETHICS));
    List<ChecklistAnswer> notMetNoComment = new ArrayList<>(fullChecklist());
    notMetNoComment.set(
        5, new ChecklistAnswer(AlgoCareItem.ACCURACY, ChecklistAnswer.Outcome.NOT_MET, " "));
    List<ChecklistAnswer> notMetWithComment = new ArrayList<>(fullChecklist());
    notMetWithComment.set(
        5,
        new ChecklistAnswer(
            AlgoCareItem.ACCURACY, ChecklistAnswer.Outcome.NOT_MET, "no error rate published"));
    List<ChecklistAnswer> naNoComment = new ArrayList<>(fullChecklist());
    naNoComment.set(
        0,
        new ChecklistAnswer(AlgoCareItem.ADVISORY, ChecklistAnswer.Outcome.NOT_APPLICABLE, null));
    List<ChecklistAnswer> incomplete = fullChecklist().subList(0, 6);
    List<ChecklistAnswer> duplicated = new ArrayList<>(fullChecklist());
    duplicated.add(fullChecklist().get(0));
    return Stream.of(
        Arguments.of("valid", inReview(), ETHICIST, signOff(ETHICIST, ETHICS, 1), ""),
        Arguments.of(
            "submitter signs",
            inReview(),
            stewardReviewer,
            signOff(stewardReviewer, ETHICS, 1),
            "the submitter can never sign off their own version"),
        Arguments.of(
            "role not held",
            inReview(),
            ETHICIST,
            signOff(ETHICIST, SECURITY, 1),
            "does not hold the role 'reviewer-security'"),
        Arguments.of(
            "not a review role",
            inReview(),
            new Actor("ann", Set.of("analyst")),
            new SignOff("ann", "analyst", 1, fullChecklist(), "", Instant.EPOCH),
            "'analyst' is not a review role"),
        Arguments.of(
            "signing for someone else",
            inReview(),
            ETHICIST,
            signOff(DPO, INFO, 1),
            "must be given by the reviewer it names"),
        Arguments.of(
            "wrong round",
            inReview(),
            ETHICIST,
            signOff(ETHICIST, ETHICS, 2),
            "the current round is 1"),
        Arguments.of(
            "same role twice",
            inReview(signOff(ETHICIST, ETHICS, 1)),
            ETHICIST,
            signOff(ETHICIST, ETHICS, 1),
            "already signed off in role 'reviewer-ethics'"),
        Arguments.of(
            "second role by the same person is recorded (it counts once at approval)",
            inReview(signOff(DOUBLE, ETHICS, 1)),
            DOUBLE,
            signOff(DOUBLE, SECURITY, 1),
            ""),
        Arguments.of(
            "not-met item without comment",
            inReview(),
            ETHICIST,
            new SignOff("erin", ETHICS, 1, notMetNoComment, "", Instant.EPOCH),
            "ACCURACY is NOT_MET and needs a comment"),
        Arguments.of(
            "not-met item with comment",
            inReview(),
            ETHICIST,
            new SignOff("erin", ETHICS, 1, notMetWithComment, "", Instant.EPOCH),
            ""),
        Arguments.of(
            "not-applicable item without comment",
            inReview(),
            ETHICIST,
            new SignOff("erin", ETHICS, 1, naNoComment, "", Instant.EPOCH),
            "ADVISORY is NOT_APPLICABLE and needs a comment"),
        Arguments.of(
            "incomplete checklist",
            inReview(),
            ETHICIST,
            new SignOff("erin", ETHICS, 1, incomplete, "", Instant.EPOCH),
            "does not answer [RESPONSIBLE, EXPLAINABLE]"),
        Arguments.of(
            "item answered twice",
            inReview(),
            ETHICIST,
            new SignOff("erin", ETHICS, 1, duplicated, "", Instant.EPOCH),
            "answers ADVISORY more than once"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void signOffRules(
      String name, ReviewLedger ledger, Actor actor, SignOff signOff, String expectedReason) {
    Decision d = rule.check(ledger, actor, signOff);
    if (expectedReason.isEmpty()) {
      assertThat(d.reasons()).isEmpty();
      assertThat(d.allowed()).isTrue();
    } else {
      assertThat(d.allowed()).isFalse();
      assertThat(d.reasons()).anyMatch(r -> r.contains(expectedReason));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = VersionState.class,
      names = {"DRAFT", "APPROVED", "RETIRED", "REJECTED"})
  void noSignOffOutsideReview(VersionState state) {
    ReviewLedger ledger = new ReviewLedger(STEWARD.id(), state, 1, List.of());
    assertThat(rule.check(ledger, ETHICIST, signOff(ETHICIST, ETHICS, 1)).reasons())
        .anyMatch(r -> r.contains("sign-offs are taken only in IN_REVIEW or SUSPENDED"));
  }
}
