package org.capenv.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading a policy folder: what is refused, with which message, and the bundle digest. */
class PolicyBundleLoadTest {
  @TempDir Path dir;

  private static final String GOOD =
      """
      rules:
        - name: analysts-may
          effect: allow
          condition: "'analyst' in user.roles"
          message: analyst
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          undeclared variable  | usr.force == 'x'             | rule 'r': CEL error: ERROR: <input>:1:1: undeclared reference to 'usr'
          misspelt field       | user.forse == 'x'            | rule 'r': CEL error: ERROR: <input>:1:5: undefined field 'forse'
          rank against string  | user.vettingRank > 'NPPV1'   | rule 'r': CEL error: ERROR: <input>:1:18: found no matching overload for '_>_'
          not a boolean        | user.force                   | rule 'r': CEL error: ERROR: <input>:1:5: expected type 'bool' but found 'string'
          syntax error         | user.force ==                | rule 'r': CEL error: ERROR: <input>:1:14: mismatched input '<EOF>'
          """)
  void brokenConditionNamesFileRuleAndCelError(String why, String condition, String expected)
      throws IOException {
    write("broken.yaml", rule("r", "deny", condition));
    write("good.yaml", GOOD);
    assertThatThrownBy(() -> PolicyBundle.load(dir))
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageStartingWith("broken.yaml: " + expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bad effect     | 'rules: [{name: r, effect: permit, condition: "true", message: m}]' | broken.yaml: rule 'r': effect must be 'allow' or 'deny', got 'permit'
          no message     | 'rules: [{name: r, effect: deny, condition: "true"}]'               | broken.yaml: rule 'r': 'message' is required and must be a non-empty string
          no name        | 'rules: [{effect: deny, condition: "true", message: m}]'            | broken.yaml: rule #1: 'name' is required and must be a non-empty string
          unknown key    | 'rules: [{name: r, effect: deny, when: "true", message: m}]'        | broken.yaml: rule 'r': unknown key 'when'
          bad name       | 'rules: [{name: Rule One, effect: deny, condition: "true", message: m}]' | broken.yaml: rule 'Rule One': name must be lower-case words joined by hyphens
          no rules list  | 'allow: everything'                                                 | broken.yaml: expected a mapping with a 'rules' list
          duplicate key  | 'rules: [{name: r, effect: deny, effect: allow, condition: "true", message: m}]' | broken.yaml: not valid YAML: Duplicate field 'effect'
          """)
  void malformedFileIsRefused(String why, String yaml, String expected) throws IOException {
    write("broken.yaml", yaml);
    write("good.yaml", GOOD);
    assertThatThrownBy(() -> PolicyBundle.load(dir))
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() throws IOException {
    write("a.yaml", rule("one", "deny", "user.nope"));
    write("b.yaml", rule("two", "allow", "tool.nope"));
    PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> PolicyBundle.load(dir));
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(0)).startsWith("a.yaml: rule 'one': CEL error:");
    assertThat(e.problems().get(1)).startsWith("b.yaml: rule 'two': CEL error:");
  }

  @Test
  void duplicateRuleNamesAcrossFilesAreRefused() throws IOException {
    write("a.yaml", GOOD);
    write("b.yaml", GOOD);
    assertThatThrownBy(() -> PolicyBundle.load(dir))
        .hasMessage("b.yaml: rule 'analysts-may': name already used in a.yaml");
  }

  @Test
  void emptyFolderIsRefused() {
    assertThatThrownBy(() -> PolicyBundle.load(dir))
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageEndingWith("no policy rule found (files must be named *.yaml)");
  }

  @Test
  void ymlFileIsRefusedRatherThanIgnored() throws IOException {
    write("good.yaml", GOOD);
    write("extra.yml", GOOD);
    assertThatThrownBy(() -> PolicyBundle.load(dir))
        .hasMessage("extra.yml: policy files must end in .yaml");
  }

  @Test
  void digestIsTheSha256OfTheSha256sumListingOfTheFiles() throws Exception {
    write("b.yaml", GOOD);
    write("a.yaml", rule("auditors-not", "deny", "'auditor' in user.roles"));
    write("README.md", "not a policy file: ignored and not digested");
    String listing =
        sha256Hex(Files.readAllBytes(dir.resolve("a.yaml")))
            + "  a.yaml\n"
            + sha256Hex(Files.readAllBytes(dir.resolve("b.yaml")))
            + "  b.yaml\n";
    PolicyBundle bundle = PolicyBundle.load(dir);
    assertThat(bundle.digest())
        .isEqualTo("sha256:" + sha256Hex(listing.getBytes(StandardCharsets.UTF_8)));
    assertThat(bundle.rules())
        .extracting(PolicyRule::name)
        .containsExactly("auditors-not", "analysts-may");
  }

  @Test
  void anyByteChangeChangesTheDigest() throws Exception {
    write("a.yaml", GOOD);
    String before = PolicyBundle.load(dir).digest();
    write("a.yaml", GOOD + "# a comment\n");
    assertThat(PolicyBundle.load(dir).digest()).isNotEqualTo(before);
    write("a.yaml", GOOD);
    assertThat(PolicyBundle.load(dir).digest()).isEqualTo(before);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content);
  }

  static String rule(String name, String effect, String condition) {
    return "rules:\n  - name: "
        + name
        + "\n    effect: "
        + effect
        + "\n    condition: \""
        + condition.replace("\"", "\\\"")
        + "\"\n    message: m\n";
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
