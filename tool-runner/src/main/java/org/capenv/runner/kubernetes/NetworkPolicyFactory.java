package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;
import java.util.Map;
import org.capenv.runner.spec.RunSpec;

/**
 * The per-run NetworkPolicy: selects only this run's pod, allows no ingress at all, and allows
 * egress only to the platform's staging pods on the staging port. No DNS, no internet, no other
 * pod, no other namespace. NetworkPolicy applies per pod, so the tool container shares this egress
 * with the staging containers; it holds no token, and the staging API refuses a request without
 * one.
 */
final class NetworkPolicyFactory {
  private NetworkPolicyFactory() {}

  static NetworkPolicy build(RunSpec spec, KubernetesRunnerConfig config) {
    StagingEndpoint staging = config.staging();
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(RunObjects.name(spec.runId()))
        .withNamespace(config.namespace())
        .withLabels(RunObjects.labels(spec, config.instance()))
        .endMetadata()
        .withSpec(spec(spec.runId(), staging))
        .build();
  }

  static NetworkPolicySpec spec(String runId, StagingEndpoint staging) {
    return new NetworkPolicyBuilder()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(Map.of(RunObjects.RUN_ID, runId))
        .endPodSelector()
        .withPolicyTypes(List.of("Ingress", "Egress"))
        .withIngress(List.of())
        .addNewEgress()
        .addNewTo()
        .withNewNamespaceSelector()
        .withMatchLabels(Map.of("kubernetes.io/metadata.name", staging.platformNamespace()))
        .endNamespaceSelector()
        .withNewPodSelector()
        .withMatchLabels(staging.platformPodLabels())
        .endPodSelector()
        .endTo()
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(staging.port()))
        .endPort()
        .endEgress()
        .endSpec()
        .build()
        .getSpec();
  }

  /**
   * Whether what the API server stored is exactly the policy this runner asked for (an admission
   * webhook or a stale object from an earlier attempt could differ).
   */
  static boolean confirms(NetworkPolicy stored, RunSpec spec, KubernetesRunnerConfig config) {
    if (stored == null || stored.getSpec() == null) {
      return false;
    }
    NetworkPolicySpec expected = spec(spec.runId(), config.staging());
    NetworkPolicySpec actual = stored.getSpec();
    return expected.getPodSelector().equals(actual.getPodSelector())
        && expected.getPolicyTypes().equals(actual.getPolicyTypes())
        && (actual.getIngress() == null || actual.getIngress().isEmpty())
        && expected.getEgress().equals(actual.getEgress());
  }
}
