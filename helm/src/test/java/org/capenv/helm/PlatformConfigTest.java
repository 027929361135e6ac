package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values map onto the platform's configuration keys, probes, scaling and exposure. */
class PlatformConfigTest {

  @Test
  void productionValuesMapOntoTheConfigurationKeys() {
    Map<String, String> env = env(platform(Chart.renderProduction()));

    assertThat(env)
        .containsEntry(
            "QUARKUS_DATASOURCE_JDBC_URL",
            "jdbc:postgresql://capenv-db-rw.databases.svc:5432/capenv?sslmode=verify-full")
        .containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret capenv-db-app/username")
        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret capenv-db-app/password")
        .containsEntry(
            "QUARKUS_OIDC_AUTH_SERVER_URL", "https://sso.norfolk.police.uk/realms/capenv")
        .containsEntry("QUARKUS_OIDC_CLIENT_ID", "capenv-api")
        .containsEntry("QUARKUS_OIDC_CREDENTIALS_SECRET", "secret capenv-oidc-client/client-secret")
        .containsEntry("CAPENV_AUDIT_SIGNING_KEY", "secret capenv-audit-signing-key/signing-key")
        .containsEntry("CAPENV_AUDIT_ORIGIN", "capenv.norfolk.police.uk/audit")
        .containsEntry(
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability.svc:4317")
        .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
        .containsEntry("CAPENV_RUNNER_TYPE", "kubernetes")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_NAMESPACE", "capenv-tools")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_SERVICE_ACCOUNT", "capenv-tool")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_RUNTIME_CLASS_NAME", "gvisor")
        .containsEntry("CAPENV_POLICIES_DIR", "/etc/capenv/policies")
        .containsEntry("CAPENV_CATALOG_DIR", "/etc/capenv/catalog");
  }

  @Test
  void tracingIsOffAndRuntimeClassUnsetByDefault() {
    Map<String, String> env = env(platform(Chart.renderDefaults()));

    assertThat(env)
        .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "true")
        .doesNotContainKeys(
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "CAPENV_RUNNER_KUBERNETES_RUNTIME_CLASS_NAME");
  }

  @Test
  void policiesAndCatalogAreMountedFromTheirConfigMaps() {
    List<HasMetadata> objects = Chart.renderProduction();
    PodSpec pod = podSpec(objects);

    assertThat(configMapVolume(pod, "/etc/capenv/policies")).isEqualTo("capenv-access-policies");
    assertThat(configMapVolume(pod, "/etc/capenv/catalog")).isEqualTo("capenv-catalog");
    assertThat(Chart.all(objects, ConfigMap.class))
        .as("existing ConfigMaps are used, not created")
        .isEmpty();
  }

  @Test
  void inlinePolicyFilesBecomeTheChartsConfigMap() {
    String rule = "name: deny-all\neffect: deny\ncondition: 'true'\nmessage: closed\n";
    List<HasMetadata> objects =
        Chart.render(List.of(), Map.of("policies.files.deny-all\\.yaml", rule));

    ConfigMap policies =
        Chart.all(objects, ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals("capenv-policies"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no capenv-policies ConfigMap"));
    assertThat(policies.getData()).containsEntry("deny-all.yaml", rule);
    assertThat(configMapVolume(podSpec(objects), "/etc/capenv/policies"))
        .isEqualTo("capenv-policies");
  }

  @Test
  void imageByDigestAndProbesOnTheHealthEndpoints() {
    Container c = platform(Chart.renderProduction());

    assertThat(c.getImage())
        .isEqualTo(
            "registry.norfolk.police.uk/capenv/platform@sha256:"
                + "4f1c2b8e9a7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b");
    assertThat(c.getPorts())
        .as("plain API and probes on http; the staging API alone on the HTTPS listener")
        .extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:8080", "staging:8443");
    assertProbe(c.getReadinessProbe(), "/q/health/ready");
    assertProbe(c.getLivenessProbe(), "/q/health/live");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
  }

  @Test
  void defaultsRunTwoReplicasWithAPodDisruptionBudgetAndNoExposure() {
    List<HasMetadata> objects = Chart.renderDefaults();
    Deployment deployment = Chart.one(objects, Deployment.class);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(
            deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    assertThat(
            Chart.one(objects, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(Chart.all(objects, HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(Chart.all(objects, Ingress.class)).isEmpty();
  }

  @Test
  void productionScalesWithAnAutoscalerAndServesOverTls() {
    List<HasMetadata> objects = Chart.renderProduction();

    assertThat(Chart.one(objects, Deployment.class).getSpec().getReplicas())
        .as("the autoscaler owns the replica count")
        .isNull();
    HorizontalPodAutoscaler hpa = Chart.one(objects, HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("capenv");
    Ingress ingress = Chart.one(objects, Ingress.class);
    assertThat(ingress.getSpec().getTls())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getSecretName()).isEqualTo("capenv-tls");
              assertThat(t.getHosts()).containsExactly("capenv.norfolk.police.uk");
            });
    assertThat(ingress.getSpec().getRules())
        .extracting(r -> r.getHost())
        .containsExactly("capenv.norfolk.police.uk");
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  private static String configMapVolume(PodSpec pod, String mountPath) {
    String volume =
        pod.getContainers().get(0).getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals(mountPath))
            .peek(m -> assertThat(m.getReadOnly()).as("%s read-only", mountPath).isTrue())
            .findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath))
            .getName();
    Volume v =
        pod.getVolumes().stream().filter(x -> x.getName().equals(volume)).findFirst().orElseThrow();
    assertThat(v.getConfigMap()).as("volume %s is a ConfigMap", volume).isNotNull();
    return v.getConfigMap().getName();
  }

  static PodSpec podSpec(List<HasMetadata> objects) {
    return Chart.one(objects, Deployment.class).getSpec().getTemplate().getSpec();
  }

  static Container platform(List<HasMetadata> objects) {
    return podSpec(objects).getContainers().get(0);
  }

  /** Env as name -> literal value, or "secret NAME/KEY" for a secretKeyRef. */
  static Map<String, String> env(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar e : c.getEnv()) {
      if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
        var ref = e.getValueFrom().getSecretKeyRef();
        env.put(e.getName(), "secret " + ref.getName() + "/" + ref.getKey());
      } else {
        env.put(e.getName(), e.getValue());
      }
    }
    return env;
  }
}
