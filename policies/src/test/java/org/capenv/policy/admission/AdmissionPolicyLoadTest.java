package org.capenv.policy.admission;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.capenv.policy.PolicyLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Admission manifests that must not load: each would make a test pass on an unchecked policy. */
class AdmissionPolicyLoadTest {
  @TempDir Path dir;

  private static final String BINDING =
      """
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: b}
      spec:
        policyName: p
        validationActions: [Deny]
        matchResources: {namespaceSelector: {matchLabels: {capenv.org/tools-namespace: "true"}}}
      """;

  private static String policy(String failurePolicy, String expression) {
    return """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: p}
        spec:
          failurePolicy: %s
          matchConstraints:
            resourceRules:
              - {apiGroups: [batch], apiVersions: [v1], operations: [CREATE], resources: [jobs]}
          validations:
            - expression: "%s"
              message: m
        """
        .formatted(failurePolicy, expression);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CEL syntax error  | Fail   | object.spec. == 1 | p.yaml: ValidatingAdmissionPolicy 'p': validation #1: CEL error: ERROR: <input>:1:14: no viable alternative
          not a boolean     | Fail   | size(object)      | p.yaml: ValidatingAdmissionPolicy 'p': validation #1: CEL error: ERROR: <input>:1:5: expected type 'bool' but found 'int'
          fails open        | Ignore | true              | p.yaml: ValidatingAdmissionPolicy 'p': failurePolicy must be Fail
          """)
  void brokenPolicyNamesFilePolicyValidationAndError(String why, String fp, String expr, String msg)
      throws IOException {
    Files.writeString(dir.resolve("p.yaml"), policy(fp, expr) + BINDING);
    assertThatThrownBy(() -> AdmissionPolicyEvaluator.load(dir))
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageStartingWith(msg);
  }

  @Test
  void policyWithoutADenyBindingIsRefused() throws IOException {
    Files.writeString(
        dir.resolve("p.yaml"), policy("Fail", "true") + BINDING.replace("[Deny]", "[Warn]"));
    assertThatThrownBy(() -> AdmissionPolicyEvaluator.load(dir))
        .hasMessageContaining("validationActions must include Deny")
        .hasMessageContaining("policy 'p' has no binding with validationActions Deny");
  }
}
