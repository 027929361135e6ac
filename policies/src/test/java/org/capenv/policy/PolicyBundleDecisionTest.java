package org.capenv.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision semantics: deny wins, default deny, errors deny, and what a decision carries. */
class PolicyBundleDecisionTest {
  @TempDir Path dir;
  private PolicyBundle bundle;

  @BeforeEach
  void load() throws IOException, PolicyLoadException {
    Files.writeString(
        dir.resolve("rules.yaml"),
        """
        rules:
          - name: analysts-may
            effect: allow
            condition: "'analyst' in user.roles"
            message: Analysts may run tools.
          - name: stewards-may
            effect: allow
            condition: "'tool-steward' in user.roles"
            message: Stewards may run tools.
          - name: suffolk-may-not
            effect: deny
            condition: user.force == 'suffolk'
            message: Suffolk may not.
          - name: outside-hours
            effect: deny
            condition: env.settings['hours'] == 'office' && env.now.getHours('Europe/London') >= 18
            message: Outside office hours.
        """);
    bundle = PolicyBundle.load(dir);
  }

  @Test
  void allowCarriesEveryMatchedAllowRuleItsMessagesAndTheDigest() {
    Decision d = bundle.decide(input("norfolk", List.of("analyst", "tool-steward"), "off"));
    assertThat(d.allowed()).isTrue();
    assertThat(d.matchedRules())
        .containsExactly(
            new MatchedRule("analysts-may", Effect.ALLOW, "Analysts may run tools."),
            new MatchedRule("stewards-may", Effect.ALLOW, "Stewards may run tools."));
    assertThat(d.messages()).containsExactly("Analysts may run tools.", "Stewards may run tools.");
    assertThat(d.bundleDigest()).isEqualTo(bundle.digest()).matches("sha256:[0-9a-f]{64}");
  }

  @Test
  void denyWinsOverAllowAndTheMessagesAreTheDenyReasons() {
    Decision d = bundle.decide(input("suffolk", List.of("analyst"), "off"));
    assertThat(d.effect()).isEqualTo(Effect.DENY);
    assertThat(d.matchedRuleNames()).containsExactly("analysts-may", "suffolk-may-not");
    assertThat(d.messages()).containsExactly("Suffolk may not.");
  }

  @Test
  void nothingMatchingIsADefaultDeny() {
    Decision d = bundle.decide(input("norfolk", List.of("auditor"), "off"));
    assertThat(d.effect()).isEqualTo(Effect.DENY);
    assertThat(d.matchedRules()).isEmpty();
    assertThat(d.messages()).containsExactly(Decision.DEFAULT_DENY_MESSAGE);
  }

  @Test
  void aRuleThatCannotBeEvaluatedDenies() {
    // the rule reads a setting that is absent: a CEL evaluation error, which must not allow
    Decision d = bundle.decide(input("norfolk", List.of("analyst"), null));
    assertThat(d.effect()).isEqualTo(Effect.DENY);
    assertThat(d.matchedRules())
        .filteredOn(m -> m.name().equals("outside-hours"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.effect()).isEqualTo(Effect.DENY);
              assertThat(m.message())
                  .startsWith("rule 'outside-hours' could not be evaluated:")
                  .contains("hours");
            });
  }

  @Test
  void environmentTimeIsATimestampInRules() {
    Decision evening = bundle.decide(input("norfolk", List.of("analyst"), "office"));
    assertThat(evening.matchedRuleNames()).containsExactly("analysts-may", "outside-hours");
    assertThat(evening.allowed()).isFalse();
  }

  private static PolicyInput input(String force, List<String> roles, String hours) {
    return new PolicyInput(
        new PolicyInput.User("sub-1", "a.user", force, roles, "NPPV2", "capenv-portal", "force"),
        new PolicyInput.Tool(
            "csv-stats", "1.0.0", "OFFICIAL", "NPPV1", List.of("analyst"), List.of("*")),
        new PolicyInput.Request("purpose", "OP-1", "OFFICIAL", 10),
        new PolicyInput.Env(
            Instant.parse("2026-11-25T19:30:00Z"),
            hours == null ? Map.of() : Map.of("hours", hours)));
  }
}
