package org.capenv.policy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.capenv.policy.Decision;
import org.capenv.policy.Effect;
import org.capenv.policy.PolicyBundle;
import org.capenv.policy.PolicyInput;

/**
 * One policy test: an input and the decision expected from the bundle.
 *
 * @param file the test file, relative to the tests folder
 * @param name the case name, unique in its file
 * @param input the request to decide
 * @param expectedEffect the expected outcome
 * @param expectedMatched the names of exactly the rules expected to match (order is not checked)
 */
public record PolicyTestCase(
    String file,
    String name,
    PolicyInput input,
    Effect expectedEffect,
    Set<String> expectedMatched) {

  public PolicyTestCase {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(expectedEffect, "expectedEffect");
    expectedMatched = Set.copyOf(expectedMatched);
  }

  /**
   * Runs the case.
   *
   * @return what differs from the expectation, empty if the case passes
   */
  public List<String> run(PolicyBundle bundle) {
    Decision d = bundle.decide(input);
    List<String> mismatches = new ArrayList<>();
    if (d.effect() != expectedEffect) {
      mismatches.add(
          "decision: expected " + expectedEffect.label() + " but was " + d.effect().label());
    }
    Set<String> actual = new TreeSet<>(d.matchedRuleNames());
    if (!actual.equals(new TreeSet<>(expectedMatched))) {
      mismatches.add("matched: expected " + new TreeSet<>(expectedMatched) + " but was " + actual);
    }
    if (!mismatches.isEmpty()) {
      mismatches.add("messages: " + d.messages());
    }
    return mismatches;
  }

  @Override
  public String toString() {
    return file + ": " + name;
  }
}
