package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools namespace always carries the labels the admission bindings select, so a policy never
 * silently applies to nothing; a binding the chart cannot satisfy fails the render. Each case
 * renders a copy of the chart whose files/admission/ holds only the binding under test.
 */
class AdmissionBindingLabelsTest {

  @TempDir Path tmp;

  @Test
  void namespaceGetsEveryLabelTheBindingSelects() throws IOException {
    Path chart = chartWithBinding("matchLabels:\n        example.org/guarded: \"yes\"\n");

    List<HasMetadata> objects = Chart.parse(template(chart));

    assertThat(Chart.one(objects, Namespace.class).getMetadata().getLabels())
        .containsEntry("example.org/guarded", "yes");
  }

  @Test
  void bindingOfAnotherNamespaceByNameFailsTheRender() throws IOException {
    Path chart =
        chartWithBinding("matchLabels:\n        kubernetes.io/metadata.name: other-tools\n");

    assertThatThrownBy(() -> template(chart))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "admission binding test-binding selects namespace other-tools,"
                + " but runner.kubernetes.namespace is capenv-tools");
  }

  @Test
  void bindingWithMatchExpressionsFailsTheRender() throws IOException {
    Path chart =
        chartWithBinding(
            "matchExpressions:\n        - {key: tier, operator: In, values: [tools]}\n");

    assertThatThrownBy(() -> template(chart))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("namespaceSelector.matchExpressions is not supported");
  }

  private static String template(Path chart) {
    return new Helm(chart).template().withName(Chart.RELEASE).withNamespace(Chart.NAMESPACE).call();
  }

  private Path chartWithBinding(String selector) throws IOException {
    Path copy = tmp.resolve("capenv");
    try (Stream<Path> paths = Files.walk(Chart.DIR)) {
      for (Path source : paths.toList()) {
        Path target = copy.resolve(Chart.DIR.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!source.startsWith(Chart.DIR.resolve("files/admission"))) {
          Files.copy(source, target);
        }
      }
    }
    String binding =
        "apiVersion: admissionregistration.k8s.io/v1\n"
            + "kind: ValidatingAdmissionPolicyBinding\n"
            + "metadata:\n"
            + "  name: test-binding\n"
            + "spec:\n"
            + "  policyName: test-policy\n"
            + "  validationActions: [\"Deny\"]\n"
            + "  matchResources:\n"
            + "    namespaceSelector:\n"
            + "      "
            + selector;
    Files.writeString(copy.resolve("files/admission/binding.yaml"), binding);
    return copy;
  }
}
