package org.capenv.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.runtime.CelEvaluationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.capenv.policy.testing.PolicyTestCase;
import org.capenv.policy.testing.PolicyTestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled conditions against CEL-Java's interpreter, rule by rule: every shipped rule, the
 * benchmark's extra rules and further force-style rules, over every input of {@code
 * policies/tests/} and a few thousand generated ones. Each pair must agree on true, false or error;
 * then whole decisions must equal those of evaluating every rule with CEL alone (matched rules,
 * messages including CEL's error messages, effect).
 */
class CompiledConditionDifferentialTest {
  /** The conditions of the benchmark's {@code ExtraRules}, verbatim. */
  static final List<String> BENCH_EXTRA =
      List.of(
          "'maxInputBytes' in env.settings"
              + " && request.inputBytes > int(env.settings['maxInputBytes'])",
          "'suspendedTools' in env.settings"
              + " && tool.name in env.settings['suspendedTools'].split(',')",
          "request.caseReference != ''"
              + " && !request.caseReference.matches('^[A-Z][A-Z0-9-]{2,63}$')",
          "request.purpose.trim() != '' && size(request.purpose.trim()) < 10",
          "request.classificationRank >= classificationRank('SECRET')"
              + " && (env.now.getHours('Europe/London') < 7"
              + " || env.now.getHours('Europe/London') >= 19)");

  /** More constructs of the compiled subset, in rules a force might write. */
  static final List<String> FORCE_STYLE =
      List.of(
          "user.roles.all(r, r in tool.allowedRoles)",
          "tool.allowedRoles.exists_one(r, r == 'analyst')",
          "size(user.roles) > 1 && user.roles[1] == 'auditor'",
          "has(user.client) && has(env.settings.maxInputBytes)",
          "env.settings.maxInputBytes == '0'",
          "(request.inputBytes + 1) * 2 - 3 / 1 % 7 > 100",
          "-request.inputBytes < 0",
          "{'norfolk': 1, 'suffolk': 2}[user.force] == 1",
          "user.force in {'norfolk': true, 'suffolk': false}",
          "[user.force, user.vetting] == ['norfolk', 'NPPV2']",
          "(user.vettingRank >= 2 ? user.force : tool.name).startsWith('n')",
          "request.purpose.contains('call') || request.caseReference.endsWith('-041')",
          "user.username.matches('^[a-z]+\\\\.[a-z]+$')",
          "matches(request.caseReference, 'OP-[0-9]+')",
          "user.roles.exists(r, r.trim() == '') || !tool.allowedForces.exists(f, f != '*')",
          "env.settings.exists(k, k.size() > 10) || env.settings.all(k, k.startsWith('m'))",
          "tool.allowedForces.all(f, user.roles.exists(r, r == f))",
          "int(env.settings['maxInputBytes']) / request.inputBytes > 1",
          "user.vettingRank == vettingRank(tool.minimumVetting)"
              + " && classificationRank(tool.classification) == tool.classificationRank",
          "env.now.getHours('+01:00') == 11 || env.now.getHours('America/New_York') < 3");

  private static final int GENERATED = 3000;

  @TempDir static Path dir;
  private static PolicyBundle shippedAndExtra;
  private static List<ConditionOracle> oracles;

  @BeforeAll
  static void load() throws IOException, PolicyLoadException {
    try (Stream<Path> files = Files.list(ShippedPolicies.access())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    StringBuilder extra = new StringBuilder("rules:\n");
    List<String> added = new ArrayList<>(BENCH_EXTRA);
    added.addAll(FORCE_STYLE);
    for (int i = 0; i < added.size(); i++) {
      extra
          .append("  - name: extra-")
          .append(i)
          .append("\n    effect: ")
          .append(i % 3 == 0 ? "allow" : "deny")
          .append("\n    condition: \"")
          .append(added.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\"\n    message: extra ")
          .append(i)
          .append('\n');
    }
    Files.writeString(dir.resolve("zz-extra.yaml"), extra);
    shippedAndExtra = PolicyBundle.load(dir);
    oracles = shippedAndExtra.rules().stream().map(r -> ConditionOracle.of(r.condition())).toList();
  }

  @Test
  void everyShippedBenchAndForceStyleRuleIsCompiled() throws PolicyLoadException {
    assertThat(PolicyBundle.load(ShippedPolicies.access()).interpretedRuleNames()).isEmpty();
    assertThat(shippedAndExtra.rules()).hasSize(15 + BENCH_EXTRA.size() + FORCE_STYLE.size());
    assertThat(shippedAndExtra.interpretedRuleNames()).isEmpty();
  }

  @Test
  void everyRuleAgreesWithCelOnEveryPolicyTestCase() {
    List<PolicyTestCase> cases = PolicyTestFiles.load(ShippedPolicies.tests());
    assertThat(cases).hasSizeGreaterThan(20);
    for (PolicyTestCase c : cases) {
      compare(c.input(), new HashMap<>());
    }
  }

  @Test
  void everyRuleAgreesWithCelOnGeneratedInputs() {
    RandomInputs inputs = new RandomInputs(20261125L);
    Map<String, Integer> outcomes = new HashMap<>();
    for (int i = 0; i < GENERATED; i++) {
      compare(inputs.next(), outcomes);
    }
    // the generated inputs reach every outcome, errors included, so the comparison is not vacuous
    assertThat(outcomes).containsKeys("true", "false", "error");
  }

  /**
   * Each rule compiled against CEL, then the bundle's decision against the decision as the engine
   * made it before compiled conditions: every rule through CEL, a failure a matched deny with CEL's
   * message.
   */
  private static void compare(PolicyInput in, Map<String, Integer> outcomes) {
    AccessVariables vars = AccessVariables.of(in);
    List<MatchedRule> matched = new ArrayList<>();
    boolean anyAllow = false;
    boolean anyDeny = false;
    for (int i = 0; i < oracles.size(); i++) {
      ConditionOracle o = oracles.get(i);
      PolicyRule rule = shippedAndExtra.rules().get(i);
      String outcome;
      try {
        outcome = String.valueOf(o.program.eval(vars));
      } catch (CelEvaluationException e) {
        outcome = "error";
        matched.add(
            new MatchedRule(
                rule.name(),
                Effect.DENY,
                "rule '" + rule.name() + "' could not be evaluated: " + e.getMessage()));
        anyDeny = true;
      }
      assertThat(o.compiled(in)).as("%s on %s", o.condition, in).isEqualTo(outcome);
      outcomes.merge(outcome, 1, Integer::sum);
      if (outcome.equals("true")) {
        matched.add(new MatchedRule(rule.name(), rule.effect(), rule.message()));
        anyAllow |= rule.effect() == Effect.ALLOW;
        anyDeny |= rule.effect() == Effect.DENY;
      }
    }
    Effect effect = anyDeny || !anyAllow ? Effect.DENY : Effect.ALLOW;
    List<String> messages =
        matched.stream().filter(m -> m.effect() == effect).map(MatchedRule::message).toList();
    Decision celOnly =
        new Decision(
            effect,
            matched,
            messages.isEmpty() ? List.of(Decision.DEFAULT_DENY_MESSAGE) : messages,
            shippedAndExtra.digest());
    assertThat(shippedAndExtra.decide(in)).as("%s", in).isEqualTo(celOnly);
  }
}
