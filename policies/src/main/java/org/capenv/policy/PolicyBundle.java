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
 *
 * <p>Evaluation: a condition inside the subset of {@link ConditionCompiler} runs as compiled Java;
 * the others run in CEL's interpreter, together in one program. When a compiled condition fails,
 * the rule's own CEL program evaluates it again, so the error, its message and the rule's outcome
 * are CEL's own (ADR 0091).
 */
public final class PolicyBundle {
  private final List<CompiledRule> rules;
  private final List<CompiledRule> interpreted;
  private final Program interpretedAtOnce;
  private final int slots;
  private final String digest;

  /**
   * @param interpretedAtOnce one program for the conditions without a compiled form, in rule order;
   *     null if every condition is compiled
   */
  PolicyBundle(List<CompiledRule> rules, Program interpretedAtOnce, String digest) {
    this.rules = List.copyOf(rules);
    this.interpreted = this.rules.stream().filter(c -> c.condition() == null).toList();
    if ((interpretedAtOnce == null) != interpreted.isEmpty()) {
      throw new IllegalArgumentException("a program is needed exactly for interpreted rules");
    }
    this.interpretedAtOnce = interpretedAtOnce;
    this.slots =
        this.rules.stream()
            .filter(c -> c.condition() != null)
            .mapToInt(c -> c.condition().slots())
            .max()
            .orElse(0);
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

  /**
   * The names of the rules whose condition is outside the compiled subset and runs in CEL's
   * interpreter, in rule order (slower, same decisions); empty when every condition is compiled.
   */
  public List<String> interpretedRuleNames() {
    return interpreted.stream().map(c -> c.rule().name()).toList();
  }

  /** Decides one request. Never throws for a well-formed input; errors deny. */
  public Decision decide(PolicyInput input) {
    AccessVariables vars = interpreted.isEmpty() ? null : AccessVariables.of(input);
    List<?> atOnce = vars == null ? null : interpretedAtOnce(vars);
    EvalFrame frame = new EvalFrame(input, slots);
    List<MatchedRule> matched = new ArrayList<>();
    boolean anyAllow = false;
    boolean anyDeny = false;
    int next = 0;
    for (CompiledRule c : rules) {
      PolicyRule rule = c.rule();
      boolean holds;
      if (c.condition() != null) {
        try {
          holds = c.condition().test(frame);
        } catch (RuntimeException e) {
          // an EvalError: CEL fails too (the differential tests hold the two to that), let it
          // say how; any other exception would be a defect of the compiled form: CEL decides
          // the rule then as well, so that a defect can neither throw nor allow
          vars = vars == null ? AccessVariables.of(input) : vars;
          Outcome o = evaluate(c, vars);
          holds = o.holds();
          if (o.error() != null) {
            matched.add(o.error());
            anyDeny = true;
            continue;
          }
        }
      } else if (atOnce != null) {
        holds = Boolean.TRUE.equals(atOnce.get(next++));
      } else {
        Outcome o = evaluate(c, vars);
        holds = o.holds();
        if (o.error() != null) {
          matched.add(o.error());
          anyDeny = true;
          continue;
        }
      }
      if (holds) {
        matched.add(new MatchedRule(rule.name(), rule.effect(), rule.message()));
        anyDeny |= rule.effect() == Effect.DENY;
        anyAllow |= rule.effect() == Effect.ALLOW;
      }
    }
    return decision(matched, anyAllow, anyDeny);
  }

  /** The interpreted conditions' results in one CEL evaluation, or null if any of them failed. */
  private List<?> interpretedAtOnce(AccessVariables vars) {
    try {
      return (List<?>) interpretedAtOnce.eval(vars);
    } catch (CelEvaluationException e) {
      // some rule failed: each is then evaluated on its own to say which
      return null;
    }
  }

  /** One rule by its own CEL program: whether it holds, or the matched deny its failure is. */
  private static Outcome evaluate(CompiledRule c, AccessVariables vars) {
    PolicyRule rule = c.rule();
    try {
      return new Outcome(Boolean.TRUE.equals(c.program().eval(vars)), null);
    } catch (CelEvaluationException e) {
      return new Outcome(
          false,
          new MatchedRule(
              rule.name(),
              Effect.DENY,
              "rule '" + rule.name() + "' could not be evaluated: " + e.getMessage()));
    }
  }

  private record Outcome(boolean holds, MatchedRule error) {}

  private Decision decision(List<MatchedRule> matched, boolean anyAllow, boolean anyDeny) {
    Effect effect = anyDeny || !anyAllow ? Effect.DENY : Effect.ALLOW;
    List<String> messages =
        matched.stream().filter(m -> m.effect() == effect).map(MatchedRule::message).toList();
    if (messages.isEmpty()) {
      messages = List.of(Decision.DEFAULT_DENY_MESSAGE);
    }
    return new Decision(effect, matched, messages, digest);
  }

  /**
   * A rule, its CEL program and, if its condition is in the compiled subset, its compiled form.
   *
   * @param condition null when the condition runs in CEL's interpreter only
   */
  record CompiledRule(PolicyRule rule, Program program, CompiledCondition condition) {}
}
