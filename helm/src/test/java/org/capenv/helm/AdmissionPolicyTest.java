package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ValidatingAdmissionPolicies and their bindings are rendered, enforced and aimed right. */
class AdmissionPolicyTest {

  static Stream<Arguments> renders() {
    return Stream.of(
        Arguments.of("defaults", Chart.renderDefaults()),
        Arguments.of("production", Chart.renderProduction()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void everyBindingDeniesThroughAnExistingFailClosedPolicy(String name, List<HasMetadata> objects) {
    Map<String, ValidatingAdmissionPolicy> policies =
        Chart.all(objects, ValidatingAdmissionPolicy.class).stream()
            .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
    List<ValidatingAdmissionPolicyBinding> bindings =
        Chart.all(objects, ValidatingAdmissionPolicyBinding.class);

    assertThat(bindings).isNotEmpty();
    assertThat(bindings)
        .allSatisfy(
            b -> {
              assertThat(policies).containsKey(b.getSpec().getPolicyName());
              assertThat(b.getSpec().getValidationActions()).contains("Deny");
            });
    assertThat(policies.values())
        .allSatisfy(
            p -> {
              assertThat(p.getSpec().getFailurePolicy()).isEqualTo("Fail");
              assertThat(p.getSpec().getValidations()).isNotEmpty();
            });
    assertThat(bindings)
        .extracting(b -> b.getSpec().getPolicyName())
        .containsAll(policies.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void toolJobsAndPodsAreGuardedInTheToolsNamespace(String name, List<HasMetadata> objects) {
    Map<String, String> nsLabels = effectiveLabels(Chart.one(objects, Namespace.class));

    List<ValidatingAdmissionPolicy> guarding =
        Chart.all(objects, ValidatingAdmissionPolicy.class).stream()
            .filter(p -> matchedResources(p).containsAll(Set.of("batch/jobs", "/pods")))
            .toList();

    assertThat(guarding).as("a policy matching Jobs and Pods").isNotEmpty();
    assertThat(Chart.all(objects, ValidatingAdmissionPolicyBinding.class))
        .filteredOn(
            b ->
                guarding.stream()
                    .anyMatch(p -> p.getMetadata().getName().equals(b.getSpec().getPolicyName())))
        .isNotEmpty()
        .allSatisfy(
            b ->
                assertThat(nsLabels)
                    .as("tools namespace labels selected by binding %s", b.getMetadata().getName())
                    .containsAllEntriesOf(
                        b.getSpec().getMatchResources().getNamespaceSelector().getMatchLabels()));
  }

  @Test
  void defaultDenyIsProtectedFromThePlatformItself() {
    ValidatingAdmissionPolicy protect =
        Chart.all(Chart.renderDefaults(), ValidatingAdmissionPolicy.class).stream()
            .filter(p -> matchedResources(p).contains("networking.k8s.io/networkpolicies"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no policy guarding networkpolicies"));

    assertThat(protect.getSpec().getMatchConstraints().getResourceRules())
        .flatExtracting(NamedRuleWithOperations::getOperations)
        .contains("UPDATE", "DELETE");
    assertThat(protect.getSpec().getValidations())
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getExpression())
                    .contains("'capenv-default-deny'")
                    .contains("'system:serviceaccount:capenv:capenv'"));
  }

  /** The API server adds kubernetes.io/metadata.name to every namespace. */
  private static Map<String, String> effectiveLabels(Namespace ns) {
    Map<String, String> labels = new HashMap<>(ns.getMetadata().getLabels());
    labels.put("kubernetes.io/metadata.name", ns.getMetadata().getName());
    return labels;
  }

  private static Set<String> matchedResources(ValidatingAdmissionPolicy p) {
    return p.getSpec().getMatchConstraints().getResourceRules().stream()
        .flatMap(
            r ->
                r.getApiGroups().stream()
                    .flatMap(g -> r.getResources().stream().map(res -> g + "/" + res)))
        .collect(Collectors.toSet());
  }
}
