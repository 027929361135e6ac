package org.capenv.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
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

/**
 * Precompiled {@code matches} patterns: the same results as CEL's own overload, invalid literals
 * refused at load, and a reload taking new patterns into account.
 */
class ConstantRegexesTest {
  @TempDir Path dir;

  /**
   * Three rules ask the same question: two with the pattern as a literal (precompiled, receiver and
   * global forms) and one with the pattern read from a setting, which CEL's own overload evaluates.
   */
  @ParameterizedTest(name = "''{1}'' matches ''{0}'': {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          ^[A-Z][A-Z0-9-]{2,63}$          | OP-NORTHWIND-2026-041 | true
          ^[A-Z][A-Z0-9-]{2,63}$          | op-northwind          | false
          abc                             | xxabcxx               | true
          ^abc$                           | xxabcxx               | false
          (?i)secret                      | Top SECRET            | true
          \\pL+                           | 123                   | false
          \\pL\\d                         | é1                    | true
          "(?P<force>norfolk|suffolk)-\\d+" | ref suffolk-12      | true
          ""                              | ""                    | true
          """)
  void precompiledPatternGivesTheSameResultAsCelsOwnMatches(
      String pattern, String subject, boolean expected) throws Exception {
    Files.writeString(
        dir.resolve("rules.yaml"),
        rules(
            "literal-member",
            "request.caseReference.matches(r\"" + pattern + "\")",
            "literal-global",
            "matches(request.caseReference, r\"" + pattern + "\")",
            "from-setting",
            "request.caseReference.matches(env.settings['re'])"));
    Decision d = PolicyBundle.load(dir).decide(input(subject, pattern));
    List<String> all = List.of("literal-member", "literal-global", "from-setting");
    assertThat(d.matchedRuleNames()).isEqualTo(expected ? all : List.of());
  }

  @Test
  void literalPatternsAreRoutedToThePrecompiledOverloadsAndComputedOnesAreNot() throws Exception {
    Cel cel = AccessCel.create(SimpleType.BOOL);
    CelAbstractSyntaxTree ast =
        cel.compile(
                "request.caseReference.matches('^OP-') && matches(user.force, 'folk$')"
                    + " && user.force.matches(request.purpose)")
            .getAst();
    CelAbstractSyntaxTree rewritten = ConstantRegexes.precompile(ast, AccessCel.OPTIONS);
    List<List<String>> overloads =
        CelNavigableAst.fromAst(rewritten)
            .getRoot()
            .allNodes()
            .map(n -> n.expr())
            .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.CALL)
            .filter(e -> e.call().function().equals("matches"))
            .map(e -> rewritten.getReference(e.id()).map(CelReference::overloadIds).orElseThrow())
            .map(List::copyOf)
            .toList();
    assertThat(overloads)
        .containsExactlyInAnyOrder(
            List.of(ConstantRegexes.MEMBER_OVERLOAD),
            List.of(ConstantRegexes.GLOBAL_OVERLOAD),
            List.of("matches_string"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unclosed class     | [A-Z    | missing closing ]
          RE2 has no backrefs | (a)\\\\1 | invalid escape sequence
          """)
  void invalidLiteralPatternFailsTheLoadWithFileRuleAndCelError(
      String why, String pattern, String reason) throws IOException {
    Files.writeString(
        dir.resolve("broken.yaml"), rules("r", "request.caseReference.matches('" + pattern + "')"));
    assertThatThrownBy(() -> PolicyBundle.load(dir))
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageStartingWith(
            "broken.yaml: rule 'r': CEL error: ERROR: <input>:1:31: invalid regular expression")
        .hasMessageContaining(reason);
  }

  @Test
  void invalidComputedPatternStillFailsTheRuleAtEvaluationWhichDenies() throws Exception {
    Files.writeString(
        dir.resolve("rules.yaml"),
        rules(
            "allowed",
            "true",
            "from-setting",
            "request.caseReference.matches(env.settings['re'])"));
    Decision d = PolicyBundle.load(dir).decide(input("OP-1", "[A-Z"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.matchedRules())
        .filteredOn(m -> m.name().equals("from-setting"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.effect()).isEqualTo(Effect.DENY);
              assertThat(m.message()).startsWith("rule 'from-setting' could not be evaluated:");
            });
  }

  @Test
  void reloadUsesTheNewPattern() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, rules("op-reference", "request.caseReference.matches('^OP-')"));
    PolicyBundleHolder holder = new PolicyBundleHolder(dir);
    assertThat(holder.decide(input("OP-1", "")).allowed()).isTrue();
    assertThat(holder.decide(input("CASE-1", "")).allowed()).isFalse();

    Files.writeString(file, rules("op-reference", "request.caseReference.matches('^CASE-')"));
    assertThat(holder.reload().changed()).isTrue();
    assertThat(holder.decide(input("OP-1", "")).allowed()).isFalse();
    assertThat(holder.decide(input("CASE-1", "")).allowed()).isTrue();
  }

  /** A policy file of allow rules; arguments alternate name and condition. */
  private static String rules(String... nameThenCondition) {
    StringBuilder yaml = new StringBuilder("rules:\n");
    for (int i = 0; i < nameThenCondition.length; i += 2) {
      yaml.append("  - name: ")
          .append(nameThenCondition[i])
          .append("\n    effect: allow\n    condition: |-\n      ")
          .append(nameThenCondition[i + 1])
          .append("\n    message: m\n");
    }
    return yaml.toString();
  }

  private static PolicyInput input(String caseReference, String regexSetting) {
    return new PolicyInput(
        new PolicyInput.User("sub-1", "a.user", "norfolk", List.of("analyst"), "NPPV2", "c", "f"),
        new PolicyInput.Tool("t", "1", "OFFICIAL", "NPPV1", List.of("analyst"), List.of("*")),
        new PolicyInput.Request("purpose", caseReference, "OFFICIAL", 10),
        new PolicyInput.Env(Instant.parse("2026-11-25T10:00:00Z"), Map.of("re", regexSetting)));
  }
}
