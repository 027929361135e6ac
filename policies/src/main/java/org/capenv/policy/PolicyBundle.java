package org.capenv.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled, immutable set of access rules and its digest. Thread-safe: one instance serves every
 * request until a reload replaces it.
 *
 * <p>Semantics: every rule is evaluated; if any deny rule matches the decision is deny; otherwise
 * it is allow if at least one allow rule matches, and deny by default. A rule whose evaluation
 * fails (which the typed environment makes rare) counts as a matched deny carrying the error, so an
 * error can never let a request through.
 */
public final class PolicyBundle {
  private final List<CompiledRule> rules;
  private final Program allAtOnce;
  private final String digest;

  PolicyBundle(List<CompiledRule> rules, Program allAtOnce, String digest) {
    this.rules = List.copyOf(rules);
    this.allAtOnce = Objects.requireNonNull(allAtOnce, "allAtOnce");
    this.digest = Objects.requireNonNull(digest, "digest");
  }

  /**
   * Loads and compiles every {@code *.yaml} file of a folder.
   *
   * @throws PolicyLoadException naming each broken file and rule, or if the folder holds no rule
   */
  public static PolicyBundle load(Path dir) throws PolicyLoadException {
    return PolicyBundleLoader.load(dir);
  }

  /**
   * The bundle digest, {@code sha256:<64 hex>}; see {@code docs/policies.md} for its definition.
   */
  public String digest() {
    return digest;
  }

  /** The rules in evaluation order: file path order, then position in the file. */
  public List<PolicyRule> rules() {
    return rules.stream().map(CompiledRule::rule).toList();
  }

  /** Decides one request. Never throws for a well-formed input; errors deny. */
  public Decision decide(PolicyInput input) {
    AccessVariables vars = AccessVariables.of(input);
    List<?> results;
    try {
      results = (List<?>) allAtOnce.eval(vars);
    } catch (CelEvaluationException e) {
      // some rule failed: evaluate them one by one to say which, and deny
      return decideRuleByRule(vars);
    }
    List<MatchedRule> matched = new ArrayList<>();
    boolean anyAllow = false;
    boolean anyDeny = false;
    for (int i = 0; i < rules.size(); i++) {
      if (Boolean.TRUE.equals(results.get(i))) {
        PolicyRule rule = rules.get(i).rule();
        matched.add(new MatchedRule(rule.name(), rule.effect(), rule.message()));
        anyDeny |= rule.effect() == Effect.DENY;
        anyAllow |= rule.effect() == Effect.ALLOW;
      }
    }
    return decision(matched, anyAllow, anyDeny);
  }

  private Decision decideRuleByRule(AccessVariables vars) {
    List<MatchedRule> matched = new ArrayList<>();
    boolean anyAllow = false;
    boolean anyDeny = false;
    for (CompiledRule c : rules) {
      PolicyRule rule = c.rule();
      boolean holds;
      try {
        holds = Boolean.TRUE.equals(c.program().eval(vars));
      } catch (CelEvaluationException e) {
        matched.add(
            new MatchedRule(
                rule.name(),
                Effect.DENY,
                "rule '" + rule.name() + "' could not be evaluated: " + e.getMessage()));
        anyDeny = true;
        continue;
      }
      if (holds) {
        matched.add(new MatchedRule(rule.name(), rule.effect(), rule.message()));
        anyDeny |= rule.effect() == Effect.DENY;
        anyAllow |= rule.effect() == Effect.ALLOW;
      }
    }
    return decision(matched, anyAllow, anyDeny);
  }

  private Decision decision(List<MatchedRule> matched, boolean anyAllow, boolean anyDeny) {
    Effect effect = anyDeny || !anyAllow ? Effect.DENY : Effect.ALLOW;
    List<String> messages =
        matched.stream().filter(m -> m.effect() == effect).map(MatchedRule::message).toList();
    if (messages.isEmpty()) {
      messages = List.of(Decision.DEFAULT_DENY_MESSAGE);
    }
    return new Decision(effect, matched, messages, digest);
  }

  record CompiledRule(PolicyRule rule, Program program) {}
}
