package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The staging endpoint as the chart wires it: what the platform needs to start with the Kubernetes
 * runner, and the agreement between the runner's settings, the Service, the pods' labels and the
 * HTTPS listener that the per-run NetworkPolicy of every tool pod depends on.
 */
class StagingTest {
  private static final String PLACEHOLDER_STAGER =
      "registry.example.police.uk/capenv/stage@sha256:" + "0".repeat(64);

  @Test
  void defaultsGiveTheRunnerEverySettingItRequires() {
    Map<String, String> env =
        PlatformConfigTest.env(PlatformConfigTest.platform(Chart.renderDefaults()));

    assertThat(env)
        .containsEntry("CAPENV_RUNNER_TYPE", "kubernetes")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_INSTANCE", "capenv")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_STAGER_IMAGE", PLACEHOLDER_STAGER)
        .containsEntry(
            "CAPENV_RUNNER_KUBERNETES_STAGING_URL", "https://capenv-staging.capenv.svc:8443")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_STAGING_HOST_ALIAS_IP", "10.96.0.20")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_STAGING_PORT", "8443")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_NAMESPACE", Chart.NAMESPACE)
        .containsEntry(
            "CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_POD_SELECTOR",
            "app.kubernetes.io/instance=capenv,app.kubernetes.io/name=capenv")
        .containsEntry("QUARKUS_HTTP_SSL_PORT", "8443")
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "/etc/capenv/staging-tls/tls.crt")
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", "/etc/capenv/staging-tls/tls.key")
        .doesNotContainKey("CAPENV_RUNNER_KUBERNETES_STAGING_CA_CONFIG_MAP");
  }

  @Test
  void productionValuesSetTheStagerTheAddressAndTheCa() {
    Map<String, String> env =
        PlatformConfigTest.env(PlatformConfigTest.platform(Chart.renderProduction()));

    assertThat(env)
        .containsEntry(
            "CAPENV_RUNNER_KUBERNETES_STAGER_IMAGE",
            "registry.norfolk.police.uk/capenv/stage@sha256:"
                + "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_STAGING_HOST_ALIAS_IP", "10.43.0.20")
        .containsEntry("CAPENV_RUNNER_KUBERNETES_STAGING_CA_CONFIG_MAP", "capenv-staging-ca");
    assertThat(Chart.all(Chart.renderProduction(), ConfigMap.class))
        .as("an existing CA ConfigMap is used, not created")
        .isEmpty();
  }

  /** Every mismatch here is a run whose staging containers cannot reach the platform. */
  @Test
  void runnerSettingsServiceListenerAndPodLabelsAgree() {
    for (List<HasMetadata> objects : List.of(Chart.renderDefaults(), Chart.renderProduction())) {
      Deployment deployment = Chart.one(objects, Deployment.class);
      Container platform = PlatformConfigTest.platform(objects);
      Map<String, String> env = PlatformConfigTest.env(platform);
      int port = Integer.parseInt(env.get("CAPENV_RUNNER_KUBERNETES_STAGING_PORT"));

      Map<String, String> selector = selector(env);
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .as("the per-run NetworkPolicy selects the platform pods by these labels")
          .containsAllEntriesOf(selector);
      assertThat(deployment.getMetadata().getNamespace())
          .isEqualTo(env.get("CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_NAMESPACE"));
      assertThat(env.get("QUARKUS_HTTP_SSL_PORT")).isEqualTo(Integer.toString(port));
      ContainerPort staging =
          platform.getPorts().stream()
              .filter(p -> "staging".equals(p.getName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no staging container port"));
      assertThat(staging.getContainerPort())
          .as("NetworkPolicy ports are pod ports: the runner's port is the listener's")
          .isEqualTo(port);

      Service service = stagingService(objects);
      assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
      assertThat(service.getSpec().getClusterIP())
          .isEqualTo(env.get("CAPENV_RUNNER_KUBERNETES_STAGING_HOST_ALIAS_IP"));
      assertThat(service.getSpec().getSelector()).isEqualTo(selector);
      ServicePort servicePort = service.getSpec().getPorts().get(0);
      assertThat(service.getSpec().getPorts()).hasSize(1);
      assertThat(servicePort.getPort()).isEqualTo(port);
      assertThat(servicePort.getTargetPort().getStrVal()).isEqualTo("staging");
      assertThat(env.get("CAPENV_RUNNER_KUBERNETES_STAGING_URL"))
          .isEqualTo(
              "https://"
                  + service.getMetadata().getName()
                  + "."
                  + service.getMetadata().getNamespace()
                  + ".svc:"
                  + port);
    }
  }

  @Test
  void theApiServiceStaysOnThePlainPortAndProbesDoNotUseTls() {
    List<HasMetadata> objects = Chart.renderDefaults();
    Service api =
        Chart.all(objects, Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals("capenv"))
            .findFirst()
            .orElseThrow();
    assertThat(api.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
    Container platform = PlatformConfigTest.platform(objects);
    assertThat(platform.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  @Test
  void theCertificateIsMountedReadOnlyFromItsTlsSecret() {
    PodSpec pod = PlatformConfigTest.podSpec(Chart.renderProduction());
    VolumeMount mount =
        pod.getContainers().get(0).getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/etc/capenv/staging-tls"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no certificate mounted"));
    assertThat(mount.getReadOnly()).isTrue();
    Volume volume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(volume.getSecret().getSecretName()).isEqualTo("capenv-staging-tls");
    assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
    assertThat(volume.getSecret().getItems())
        .extracting(i -> i.getKey())
        .containsExactly("tls.crt", "tls.key");
  }

  @Test
  void anInlineCaBundleBecomesAConfigMapInTheToolsNamespace() {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
    List<HasMetadata> objects =
        Chart.render(List.of(), Map.of("runner.kubernetes.staging.caBundle", pem));

    List<ConfigMap> inTools =
        Chart.all(objects, ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getNamespace().equals(Chart.TOOLS_NAMESPACE))
            .toList();
    assertThat(inTools).hasSize(1);
    ConfigMap ca = inTools.get(0);
    assertThat(ca.getData()).containsExactly(Map.entry("ca.crt", pem));
    assertThat(PlatformConfigTest.env(PlatformConfigTest.platform(objects)))
        .containsEntry(
            "CAPENV_RUNNER_KUBERNETES_STAGING_CA_CONFIG_MAP", ca.getMetadata().getName());
  }

  @Test
  void anInlineCaAndAnExistingOneTogetherAreRefused() {
    assertThatThrownBy(
            () ->
                Chart.template(
                    List.of(Chart.productionValues()),
                    Map.of(
                        "runner.kubernetes.staging.caBundle",
                        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")))
        .hasMessageContaining("set caBundle or existingCaConfigMap, not both");
  }

  private static Service stagingService(List<HasMetadata> objects) {
    return Chart.all(objects, Service.class).stream()
        .filter(s -> s.getMetadata().getName().equals("capenv-staging"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no staging Service"));
  }

  private static Map<String, String> selector(Map<String, String> env) {
    return Arrays.stream(
            env.get("CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_POD_SELECTOR").split(","))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, TreeMap::new));
  }
}
