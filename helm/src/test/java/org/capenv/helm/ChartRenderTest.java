package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Helm's own lint and template, and the schema's refusals of bad values files. */
class ChartRenderTest {

  private static final String EXPECT = "# expect: ";

  @Test
  void lintPassesInStrictMode() {
    LintResult result = new Helm(Chart.DIR).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void rendersWithDefaultValues() {
    List<HasMetadata> objects = Chart.renderDefaults();

    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "Deployment",
            "Service",
            "PodDisruptionBudget",
            "Namespace",
            "NetworkPolicy",
            "Role",
            "RoleBinding",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding")
        .doesNotContain("HorizontalPodAutoscaler", "Ingress");
  }

  @Test
  void rendersWithProductionValues() {
    List<HasMetadata> objects = Chart.renderProduction();

    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains("Deployment", "HorizontalPodAutoscaler", "Ingress", "PodDisruptionBudget");
  }

  static Stream<Path> errorFiles() throws IOException {
    try (Stream<Path> files = Files.list(Chart.resource("values-production.yaml").getParent())) {
      List<Path> errors =
          files.filter(p -> p.getFileName().toString().startsWith("error_")).sorted().toList();
      assertThat(errors).as("error_* values files").isNotEmpty();
      return errors.stream();
    }
  }

  /** Each error_*.yaml states on its first line the message Helm must refuse it with. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("errorFiles")
  void refusesBadValuesWithAClearMessage(Path file) throws IOException {
    String firstLine = Files.readAllLines(file).get(0);
    assertThat(firstLine).as("first line of %s", file).startsWith(EXPECT);
    String expected = firstLine.substring(EXPECT.length());

    assertThatThrownBy(() -> Chart.template(List.of(file), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void refusesAutoscalingWithMinimumAboveMaximum() {
    Map<String, Object> sets =
        Map.of(
            "autoscaling.enabled", "true",
            "autoscaling.minReplicas", "5",
            "autoscaling.maxReplicas", "3");

    assertThatThrownBy(() -> Chart.template(List.of(), sets))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("autoscaling.minReplicas must not exceed autoscaling.maxReplicas");
  }
}
