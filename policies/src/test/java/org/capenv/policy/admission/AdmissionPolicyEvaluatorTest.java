package org.capenv.policy.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.capenv.policy.PolicyLoadException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped admission policies, evaluated against the Job and Pod fixtures. */
class AdmissionPolicyEvaluatorTest {
  private static AdmissionPolicyEvaluator evaluator;

  @BeforeAll
  static void load() throws PolicyLoadException {
    evaluator =
        AdmissionPolicyEvaluator.load(Path.of(System.getProperty("capenv.policies.admission")));
  }

  static Stream<Path> compliant() {
    return AdmissionFixtures.named("compliant-");
  }

  static Stream<Path> errors() {
    return AdmissionFixtures.named("error_");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compliant")
  void compliantObjectIsAdmitted(Path fixture) throws IOException {
    assertThat(evaluator.evaluate(AdmissionFixtures.read(fixture))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void brokenObjectFailsWithTheExpectedMessages(Path fixture) throws IOException {
    Map<String, Object> object = AdmissionFixtures.read(fixture);
    assertThat(evaluator.evaluate(object))
        .containsExactlyElementsOf(AdmissionFixtures.expectedMessages(object));
  }

  @Test
  void shippedCopyOnTheClasspathIsTheSameAsTheFolder() throws Exception {
    AdmissionPolicyEvaluator shipped = AdmissionPolicyEvaluator.shipped();
    assertThat(shipped.policyNames()).containsExactly("capenv-tool-pods-restricted");
    Path job = AdmissionFixtures.named("compliant-job").findFirst().orElseThrow();
    assertThat(shipped.evaluate(Files.readString(job))).isEmpty();
    Path tagged = AdmissionFixtures.named("error_image-by-tag").findFirst().orElseThrow();
    assertThat(shipped.evaluate(Files.readString(tagged)))
        .containsExactlyElementsOf(
            AdmissionFixtures.expectedMessages(AdmissionFixtures.read(tagged)));
  }

  @Test
  void objectNoPolicyMatchesIsRefusedRatherThanPassed() {
    Map<String, Object> deployment =
        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "spec", Map.of());
    assertThatThrownBy(() -> evaluator.evaluate(deployment))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no admission policy matches apps/v1 Deployment");
  }

  @Test
  void integersFromAnyParserAreAccepted() throws IOException {
    // fabric8 and plain Jackson give Integer, not Long; CEL needs int64
    Path job = AdmissionFixtures.named("error_deadline-zero").findFirst().orElseThrow();
    Map<String, Object> object = AdmissionFixtures.read(job);
    assertThat(evaluator.evaluate(object))
        .containsExactlyElementsOf(AdmissionFixtures.expectedMessages(object));
  }

  @Test
  void violationsNameThePolicyAndExpression() throws IOException {
    Path fixture = AdmissionFixtures.named("error_host-path").findFirst().orElseThrow();
    List<Violation> v = evaluator.violations(AdmissionFixtures.read(fixture));
    assertThat(v)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.policy()).isEqualTo("capenv-tool-pods-restricted");
              assertThat(x.expression()).contains("hostPath");
            });
  }
}
