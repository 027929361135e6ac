package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tools namespace: Pod Security Admission, default deny, the tool identity and RBAC. */
class ToolsNamespaceTest {

  /** Exactly the rights the platform needs, as "apiGroup/resource" to verbs. */
  private static final Map<String, Set<String>> PLATFORM_RIGHTS =
      Map.of(
          "batch/jobs", Set.of("create", "get", "list", "watch", "patch", "delete"),
          "/pods", Set.of("get", "list", "watch"),
          "/pods/log", Set.of("get"),
          "networking.k8s.io/networkpolicies", Set.of("create", "get", "list", "patch", "delete"),
          "/secrets", Set.of("create", "delete"));

  static Stream<Arguments> renders() {
    return Stream.of(
        Arguments.of("defaults", Chart.renderDefaults()),
        Arguments.of("production", Chart.renderProduction()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void namespaceEnforcesRestrictedPodSecurity(String name, List<HasMetadata> objects) {
    Namespace ns = Chart.one(objects, Namespace.class);

    assertThat(ns.getMetadata().getName()).isEqualTo(Chart.TOOLS_NAMESPACE);
    assertThat(ns.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("pod-security.kubernetes.io/audit", "restricted")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void defaultDenyCoversEveryPodBothWays(String name, List<HasMetadata> objects) {
    List<NetworkPolicy> policies = Chart.all(objects, NetworkPolicy.class);

    assertThat(policies)
        .filteredOn(p -> Chart.TOOLS_NAMESPACE.equals(p.getMetadata().getNamespace()))
        .anySatisfy(
            p -> {
              assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
              assertThat(p.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
              assertThat(p.getSpec().getPolicyTypes())
                  .containsExactlyInAnyOrder("Ingress", "Egress");
              assertThat(p.getSpec().getIngress()).isEmpty();
              assertThat(p.getSpec().getEgress()).isEmpty();
            });
    assertThat(policies)
        .as("the chart opens nothing: no NetworkPolicy with an allow rule")
        .allSatisfy(
            p -> {
              assertThat(p.getSpec().getIngress()).isEmpty();
              assertThat(p.getSpec().getEgress()).isEmpty();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void toolServiceAccountHasNoTokenAndNoRights(String name, List<HasMetadata> objects) {
    ServiceAccount tool =
        Chart.all(objects, ServiceAccount.class).stream()
            .filter(sa -> Chart.TOOLS_NAMESPACE.equals(sa.getMetadata().getNamespace()))
            .filter(sa -> "capenv-tool".equals(sa.getMetadata().getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no tool ServiceAccount in the tools namespace"));

    assertThat(tool.getAutomountServiceAccountToken()).isFalse();
    List<Subject> subjects =
        Stream.concat(
                Chart.all(objects, RoleBinding.class).stream()
                    .flatMap(b -> b.getSubjects().stream()),
                Chart.all(objects, ClusterRoleBinding.class).stream()
                    .flatMap(b -> b.getSubjects().stream()))
            .toList();
    assertThat(subjects).noneMatch(s -> "capenv-tool".equals(s.getName()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void rbacIsOneRoleInTheToolsNamespaceWithExactlyTheNeededVerbs(
      String name, List<HasMetadata> objects) {
    assertThat(Chart.all(objects, ClusterRole.class)).isEmpty();
    assertThat(Chart.all(objects, ClusterRoleBinding.class)).isEmpty();
    Role role = Chart.one(objects, Role.class);
    RoleBinding binding = Chart.one(objects, RoleBinding.class);

    assertThat(role.getMetadata().getNamespace()).isEqualTo(Chart.TOOLS_NAMESPACE);
    assertThat(binding.getMetadata().getNamespace()).isEqualTo(Chart.TOOLS_NAMESPACE);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo(Chart.RELEASE);
              assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE);
            });
    assertThat(rights(role)).isEqualTo(new TreeMap<>(PLATFORM_RIGHTS));
    assertThat(role.getRules())
        .allSatisfy(
            r -> {
              assertThat(r.getResourceNames()).isEmpty();
              assertThat(r.getNonResourceURLs()).isEmpty();
            });
  }

  @Test
  void existingNamespaceIsNotCreatedButStillHardened() {
    List<HasMetadata> objects =
        Chart.render(List.of(), Map.of("runner.kubernetes.createNamespace", "false"));

    assertThat(Chart.all(objects, Namespace.class)).isEmpty();
    assertThat(Chart.all(objects, NetworkPolicy.class)).isNotEmpty();
    assertThat(Chart.one(objects, Role.class).getMetadata().getNamespace())
        .isEqualTo(Chart.TOOLS_NAMESPACE);
  }

  @Test
  void anotherToolsNamespaceMovesEveryToolsObject() {
    List<HasMetadata> objects =
        Chart.render(List.of(), Map.of("runner.kubernetes.namespace", "force-tools"));

    assertThat(Chart.one(objects, Namespace.class).getMetadata().getName())
        .isEqualTo("force-tools");
    assertThat(
            Stream.of(Role.class, RoleBinding.class, NetworkPolicy.class)
                .flatMap(t -> Chart.all(objects, t).stream()))
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("force-tools"));
  }

  /** A rule may list several groups, resources and verbs: flatten to group/resource -> verbs. */
  private static Map<String, Set<String>> rights(Role role) {
    Map<String, Set<String>> rights = new TreeMap<>();
    for (PolicyRule rule : role.getRules()) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          rights
              .computeIfAbsent(group + "/" + resource, k -> new TreeSet<>())
              .addAll(rule.getVerbs());
        }
      }
    }
    return rights;
  }
}
