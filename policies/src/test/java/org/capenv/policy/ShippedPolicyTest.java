package org.capenv.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.capenv.policy.testing.PolicyTestCase;
import org.capenv.policy.testing.PolicyTestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every policy test file of {@code policies/tests/} against {@code policies/access/}. */
class ShippedPolicyTest {
  private static PolicyBundle bundle;

  @BeforeAll
  static void load() throws PolicyLoadException {
    bundle = PolicyBundle.load(ShippedPolicies.access());
  }

  static List<PolicyTestCase> cases() {
    return PolicyTestFiles.load(ShippedPolicies.tests());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseHolds(PolicyTestCase c) {
    assertThat(c.run(bundle)).as(c.toString()).isEmpty();
  }

  @Test
  void everyShippedRuleIsExercisedByATestThatMatchesIt() {
    Set<String> matchedSomewhere =
        cases().stream().flatMap(c -> c.expectedMatched().stream()).collect(Collectors.toSet());
    Set<String> untested =
        bundle.rules().stream()
            .map(PolicyRule::name)
            .filter(n -> !matchedSomewhere.contains(n))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(untested).as("rules no policy test expects to match").isEmpty();
  }

  @Test
  void someCaseIsAllowedSoTheDenyRulesAreNotVacuous() {
    assertThat(cases())
        .filteredOn(c -> c.expectedEffect() == Effect.ALLOW)
        .as("at least one allowed request exists, so the deny rules are not vacuous")
        .isNotEmpty();
  }

  @Test
  void expectedRuleNamesAllExistInTheBundle() {
    Set<String> names = bundle.rules().stream().map(PolicyRule::name).collect(Collectors.toSet());
    for (PolicyTestCase c : cases()) {
      assertThat(names).as(c.toString()).containsAll(c.expectedMatched());
    }
  }
}
