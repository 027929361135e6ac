package org.capenv.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.capenv.policy.Effect;
import org.capenv.policy.PolicyBundle;
import org.capenv.policy.PolicyLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy test runner itself: defaults merge, wrong expectations fail, typos are refused. */
class PolicyTestFilesTest {
  @TempDir Path dir;

  private static final String HEAD =
      """
      defaults:
        user: {force: norfolk, roles: [analyst], vetting: NPPV2}
        tool: {classification: OFFICIAL, minimumVetting: NPPV1, allowedRoles: [analyst]}
        request: {purpose: p, caseReference: c, classification: OFFICIAL}
        env: {now: 2026-11-25T10:00:00Z}
      cases:
      """;

  @Test
  void defaultsAreMergedUnderEachCaseKeyByKey() throws IOException {
    List<PolicyTestCase> cases =
        load(
            HEAD
                + """
                  - name: c1
                    input: {user: {vetting: NPPV1}}
                    expect: {decision: deny, matched: []}
                """);
    PolicyTestCase c = cases.get(0);
    assertThat(c.input().user().vetting()).isEqualTo("NPPV1");
    assertThat(c.input().user().force()).isEqualTo("norfolk");
    assertThat(c.input().user().roles()).containsExactly("analyst");
    assertThat(c.expectedEffect()).isEqualTo(Effect.DENY);
  }

  @Test
  void aWrongExpectationIsReportedWithWhatActuallyHappened() throws Exception {
    Files.writeString(
        dir.resolve("rules.yaml"),
        """
        rules:
          - name: analysts-may
            effect: allow
            condition: "'analyst' in user.roles"
            message: ok
        """);
    PolicyBundle bundle = bundle();
    PolicyTestCase wrong =
        load(HEAD
                + """
                      - name: wrongly expects a deny
                        input: {}
                        expect: {decision: deny, matched: [something-else]}
                    """)
            .get(0);
    assertThat(wrong.run(bundle))
        .containsExactly(
            "decision: expected deny but was allow",
            "matched: expected [something-else] but was [analysts-may]",
            "messages: [ok]");
  }

  @Test
  void unknownInputFieldIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    HEAD
                        + """
                          - name: typo
                            input: {user: {vettting: NPPV3}}
                            expect: {decision: allow, matched: []}
                        """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("t.yaml: case 'typo': ")
        .hasMessageContaining("vettting");
  }

  @Test
  void unknownExpectationKeyIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    HEAD
                        + """
                          - name: typo
                            input: {}
                            expect: {decision: allow, matches: []}
                        """))
        .hasMessage("t.yaml: case 'typo': expect: unknown key 'matches'");
  }

  private List<PolicyTestCase> load(String yaml) throws IOException {
    return PolicyTestFiles.loadFile("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private PolicyBundle bundle() throws PolicyLoadException {
    return PolicyBundle.load(dir);
  }
}
