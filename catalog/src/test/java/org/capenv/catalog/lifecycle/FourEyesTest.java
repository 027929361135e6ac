package org.capenv.catalog.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.catalog.lifecycle.Fixtures.DOUBLE;
import static org.capenv.catalog.lifecycle.Fixtures.DPO;
import static org.capenv.catalog.lifecycle.Fixtures.ETHICIST;
import static org.capenv.catalog.lifecycle.Fixtures.ETHICS;
import static org.capenv.catalog.lifecycle.Fixtures.INFO;
import static org.capenv.catalog.lifecycle.Fixtures.SEC;
import static org.capenv.catalog.lifecycle.Fixtures.SECURITY;
import static org.capenv.catalog.lifecycle.Fixtures.STEWARD;
import static org.capenv.catalog.lifecycle.Fixtures.signOff;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FourEyesTest {

  private final ApprovalRule rule = ApprovalRule.defaults();
  private static final Actor STEWARD_REVIEWER =
      new Actor(STEWARD.id(), Set.of("tool-steward", ETHICS, INFO, SECURITY));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "three distinct reviewers, one per role",
            List.of(signOff(ETHICIST, ETHICS, 1), signOff(DPO, INFO, 1), signOff(SEC, SECURITY, 1)),
            true,
            ""),
        Arguments.of(
            "one person in two roles counts once",
            List.of(
                signOff(DOUBLE, ETHICS, 1), signOff(DOUBLE, SECURITY, 1), signOff(DPO, INFO, 1)),
            false,
            "signed off only by [dana], who already count for another role"),
        Arguments.of(
            "a double-role person may cover either role when someone else covers the other",
            List.of(
                signOff(DOUBLE, ETHICS, 1),
                signOff(DOUBLE, SECURITY, 1),
                signOff(ETHICIST, ETHICS, 1),
                signOff(DPO, INFO, 1)),
            true,
            ""),
        Arguments.of(
            "the submitter's own sign-offs never count",
            List.of(
                signOff(STEWARD_REVIEWER, ETHICS, 1),
                signOff(DPO, INFO, 1),
                signOff(SEC, SECURITY, 1)),
            false,
            "no sign-off yet in role 'reviewer-ethics'"),
        Arguments.of(
            "sign-offs of an earlier round do not count",
            List.of(signOff(ETHICIST, ETHICS, 0), signOff(DPO, INFO, 1), signOff(SEC, SECURITY, 1)),
            false,
            "no sign-off yet in role 'reviewer-ethics'"),
        Arguments.of(
            "a missing role blocks approval",
            List.of(signOff(ETHICIST, ETHICS, 1), signOff(DPO, INFO, 1)),
            false,
            "no sign-off yet in role 'reviewer-security'"),
        Arguments.of("no sign-offs at all", List.of(), false, "no sign-off yet in role"),
        Arguments.of(
            "a role that is not a review role is ignored",
            List.of(
                signOff(ETHICIST, ETHICS, 1),
                signOff(DPO, INFO, 1),
                new SignOff("ann", "analyst", 1, Fixtures.fullChecklist(), "", Instant.EPOCH)),
            false,
            "no sign-off yet in role 'reviewer-security'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void approvalRule(String name, List<SignOff> signOffs, boolean approved, String reason) {
    ApprovalDecision d = rule.evaluate(STEWARD.id(), 1, signOffs);
    assertThat(d.approved()).isEqualTo(approved);
    if (approved) {
      assertThat(d.signers().keySet()).isEqualTo(rule.reviewRoles());
      assertThat(Set.copyOf(d.signers().values())).hasSize(rule.reviewRoles().size());
      assertThat(d.signers().values()).doesNotContain(STEWARD.id());
    } else {
      assertThat(d.reasons()).anyMatch(r -> r.contains(reason));
    }
  }

  @ParameterizedTest(name = "configured roles {0}")
  @MethodSource("configuredRoles")
  void configuredReviewRolesAreHonoured(Set<String> roles, List<SignOff> signOffs, boolean ok) {
    assertThat(new ApprovalRule(roles).evaluate(STEWARD.id(), 1, signOffs).approved())
        .isEqualTo(ok);
  }

  static Stream<Arguments> configuredRoles() {
    return Stream.of(
        Arguments.of(
            Set.of(ETHICS, INFO),
            List.of(signOff(ETHICIST, ETHICS, 1), signOff(DPO, INFO, 1)),
            true),
        Arguments.of(Set.of(ETHICS, INFO), List.of(signOff(ETHICIST, ETHICS, 1)), false),
        Arguments.of(Set.of(SECURITY), List.of(signOff(DOUBLE, SECURITY, 1)), true));
  }
}
