package org.capenv.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a compiler of CEL goes wrong: errors and absence. Each condition is compiled, its outcome
 * is asserted, and CEL-Java's interpreter must give the same one ({@link ConditionOracle}).
 */
class CompiledConditionSemanticsTest {
  @TempDir Path dir;

  /** Settings: {@code n} is a number, {@code bad} is not; {@code missing} is absent. */
  private static final PolicyInput IN =
      new PolicyInput(
          new PolicyInput.User("s", "a.user", "norfolk", List.of("analyst"), "NPPV2", "", "force"),
          new PolicyInput.Tool("t", "1", "SECRET", "NPPV1", List.of("analyst"), List.of("*")),
          new PolicyInput.Request("purpose", "OP-1", "OFFICIAL", 5),
          new PolicyInput.Env(
              Instant.parse("2026-11-25T10:00:00Z"), Map.of("n", "7", "bad", "seven")));

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '"',
      value = {
        // && and || are commutative over errors: a decided side wins, whichever it is
        "false && env.settings['missing'] == 'x' => false",
        "env.settings['missing'] == 'x' && false => false",
        "true && env.settings['missing'] == 'x' => error",
        "env.settings['missing'] == 'x' && true => error",
        "env.settings['missing'] == 'x' || true => true",
        "true || env.settings['missing'] == 'x' => true",
        "false || env.settings['missing'] == 'x' => error",
        "env.settings['missing'] == 'x' || int(env.settings['bad']) == 1 => error",
        "!(env.settings['missing'] == 'x') => error",
        // the conditional evaluates only the branch it takes
        "true ? true : env.settings['missing'] == 'x' => true",
        "env.settings['missing'] == 'x' ? true : true => error",
        // comprehensions keep an error in the accumulator, where a later element may absorb it
        "[0, 1].exists(x, 1 / x == 1) => true",
        "[1, 0].exists(x, 1 / x == 1) => true",
        "[0, 2].exists(x, 1 / x == 1) => error",
        "[0, 1].all(x, 1 / x == 5) => false",
        "[0, 1].all(x, 1 / x == 1) => error",
        "[0, 1].exists_one(x, 1 / x == 1) => error",
        "[].all(x, x == 1) => true",
        "[].exists(x, x == 1) => false",
        // absent keys, declared fields, has()
        "env.settings['missing'] == '' => error",
        "env.settings.missing == '' => error",
        "has(env.settings.missing) => false",
        "has(env.settings.n) => true",
        "has(user.client) && user.client == '' => true",
        "'missing' in env.settings => false",
        // int64: overflow, division, parsing
        "9223372036854775807 + request.inputBytes > 0 => error",
        "-9223372036854775808 - request.inputBytes < 0 => error",
        "request.inputBytes * 4611686018427387904 > 0 => error",
        "-9223372036854775808 / (request.inputBytes - 6) > 0 => error",
        "-9223372036854775808 % (request.inputBytes - 6) == 0 => true",
        "request.inputBytes / 0 == 0 => error",
        "request.inputBytes % 0 == 0 => error",
        "int(env.settings['n']) == 7 => true",
        "int(env.settings['bad']) == 7 => error",
        "int('+7') == 7 => true",
        "int(' 7') == 7 => error",
        // lists: bounds, membership, equality
        "user.roles[1] == 'x' => error",
        "user.roles[-1] == 'x' => error",
        "[1, 2] == [1, 2] && [1, 2] != [2, 1] => true",
        "{'a': 1} == {'a': 1} => true",
        // strings: code points, CEL's own whitespace set, time zones
        "size('\\u00e9\\U0001F600') == 2 => true",
        "' \\u2028x\\u3000'.trim() == 'x' => true",
        "'\\u200bx'.trim() == 'x' => false",
        "'a,,b'.split(',') == ['a', '', 'b'] => true",
        "env.now.getHours('Europe/London') == 10 => true",
        "env.now.getHours('+01:30') == 11 => true",
        "env.now.getHours('Nowhere/City') == 10 => error",
        "user.username.matches('^[a-z]') && !user.username.matches('^[0-9]') => true",
      })
  void outcomeIsCels(String condition, String expected) {
    ConditionOracle o = ConditionOracle.of(condition);
    assertThat(o.compiled(IN)).as(condition).isEqualTo(expected);
    assertThat(o.cel(IN)).as("CEL itself, " + condition).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dyn(1) == dyn(1.0)",
        "double(request.inputBytes) > 1.5",
        "uint(request.inputBytes) > 1u",
        "user.force < user.username",
        "request.caseReference.matches(user.username)",
        "user.force.lowerAscii() == 'norfolk'",
        "env.now < timestamp('2027-01-01T00:00:00Z')",
        "[user.force, 1] == [user.force, 1]",
        "user.roles.map(r, r + '!').size() == 1",
      })
  void conditionsOutsideTheSubsetAreReportedAndLeftToCel(String condition)
      throws CelValidationException {
    assertThat(ConditionOracle.unsupported(condition)).as(condition).isNotBlank();
  }

  @Test
  void aBundleEvaluatesItsUncompiledRulesWithCelAndDecidesTheSame()
      throws IOException, PolicyLoadException {
    Files.writeString(
        dir.resolve("rules.yaml"),
        """
        rules:
          - name: analysts-may
            effect: allow
            condition: "'analyst' in user.roles"
            message: Analysts may.
          - name: big-inputs
            effect: deny
            condition: double(request.inputBytes) > 1.5
            message: Too big.
          - name: late
            effect: deny
            condition: env.now > timestamp('2026-11-25T09:00:00Z') && int(env.settings['bad']) > 0
            message: Late.
          - name: names-in-order
            effect: allow
            condition: user.force < user.username
            message: In order.
        """);
    PolicyBundle bundle = PolicyBundle.load(dir);
    assertThat(bundle.interpretedRuleNames())
        .containsExactly("big-inputs", "late", "names-in-order");

    Decision d = bundle.decide(IN);
    assertThat(d.matchedRuleNames()).containsExactly("analysts-may", "big-inputs", "late");
    assertThat(d.matchedRules().get(2).message())
        .startsWith("rule 'late' could not be evaluated:")
        .contains("seven");
    assertThat(d.messages()).containsExactly("Too big.", d.matchedRules().get(2).message());
  }

  @Test
  void aCompiledRuleThatFailsCarriesCelsOwnErrorMessage() throws IOException, PolicyLoadException {
    Files.writeString(
        dir.resolve("rules.yaml"),
        """
        rules:
          - name: size-limit
            effect: allow
            condition: request.inputBytes < int(env.settings['bad'])
            message: Small enough.
        """);
    PolicyBundle bundle = PolicyBundle.load(dir);
    assertThat(bundle.interpretedRuleNames()).isEmpty();

    Decision d = bundle.decide(IN);
    assertThat(d.allowed()).isFalse();
    assertThat(d.matchedRules())
        .containsExactly(
            new MatchedRule(
                "size-limit",
                Effect.DENY,
                "rule 'size-limit' could not be evaluated: "
                    + celErrorMessage("request.inputBytes < int(env.settings['bad'])")));
  }

  @Test
  void theCompiledFieldsAreTheValuesCelSees() {
    RandomInputs inputs = new RandomInputs(6);
    for (int i = 0; i < 200; i++) {
      PolicyInput in = inputs.next();
      AccessVariables vars = AccessVariables.of(in);
      for (String variable : List.of("user", "tool", "request", "env")) {
        Map<?, ?> map = (Map<?, ?>) vars.find(variable).orElseThrow();
        for (Map.Entry<?, ?> field : map.entrySet()) {
          EvalNode accessor = AccessFields.of(variable, (String) field.getKey());
          assertThat(accessor).as(variable + "." + field.getKey()).isNotNull();
          assertThat(accessor.eval(new EvalFrame(in, 0)))
              .as(variable + "." + field.getKey())
              .isEqualTo(field.getValue());
        }
      }
    }
  }

  private static String celErrorMessage(String condition) {
    try {
      ConditionOracle.of(condition).program.eval(AccessVariables.of(IN));
      throw new AssertionError("expected an evaluation error");
    } catch (CelEvaluationException e) {
      return e.getMessage();
    }
  }
}
