package org.capenv.api.run.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.capenv.api.config.RunnerConfig;
import org.capenv.runner.kubernetes.KubernetesRunnerConfig;
import org.junit.jupiter.api.Test;

/** Configuration the Kubernetes runner cannot run safely with stops the start, naming the key. */
class KubernetesRunnerSettingsTest {
  private static final String STAGER = "registry.example/capenv/stage@sha256:" + "ab".repeat(32);

  @Test
  void aCompleteConfigurationBecomesTheRunnersSettings() {
    KubernetesRunnerConfig config =
        KubernetesRunnerSettings.from(
            settings(
                Optional.of(STAGER),
                Optional.of(URI.create("https://staging.capenv.svc:8443")),
                Optional.of("10.96.0.42"),
                Map.of("app.kubernetes.io/name", "capenv")));
    assertThat(config.namespace()).isEqualTo("capenv-tools");
    assertThat(config.runtimeClassName()).contains("gvisor");
    assertThat(config.stagerImage().toString()).isEqualTo(STAGER);
    assertThat(config.staging().hostAliasIp()).contains("10.96.0.42");
    assertThat(config.staging().platformPodLabels())
        .containsEntry("app.kubernetes.io/name", "capenv");
  }

  @Test
  void noStagerImageIsRefused() {
    assertThatThrownBy(
            () ->
                KubernetesRunnerSettings.from(
                    settings(
                        Optional.empty(),
                        Optional.of(URI.create("https://10.96.0.42:8443")),
                        Optional.empty(),
                        Map.of("app", "capenv"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capenv.runner.kubernetes.stager-image");
  }

  @Test
  void aStagerImageByTagIsRefused() {
    assertThatThrownBy(
            () ->
                KubernetesRunnerSettings.from(
                    settings(
                        Optional.of("registry.example/capenv/stage:1.0"),
                        Optional.of(URI.create("https://10.96.0.42:8443")),
                        Optional.empty(),
                        Map.of("app", "capenv"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capenv.runner.kubernetes");
  }

  @Test
  void aPlainHttpStagingUrlIsRefused() {
    assertThatThrownBy(
            () ->
                KubernetesRunnerSettings.from(
                    settings(
                        Optional.of(STAGER),
                        Optional.of(URI.create("http://10.96.0.42:8443")),
                        Optional.empty(),
                        Map.of("app", "capenv"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("https");
  }

  @Test
  void aStagingHostNameWithoutItsAddressIsRefused() {
    assertThatThrownBy(
            () ->
                KubernetesRunnerSettings.from(
                    settings(
                        Optional.of(STAGER),
                        Optional.of(URI.create("https://staging.capenv.svc:8443")),
                        Optional.empty(),
                        Map.of("app", "capenv"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capenv.runner.kubernetes.staging.host-alias-ip");
  }

  @Test
  void noLabelSelectingThePlatformPodsIsRefused() {
    assertThatThrownBy(
            () ->
                KubernetesRunnerSettings.from(
                    settings(
                        Optional.of(STAGER),
                        Optional.of(URI.create("https://10.96.0.42:8443")),
                        Optional.empty(),
                        Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("platformPodLabels");
  }

  @Test
  void theStagingCaConfigMapReachesTheRunner() {
    KubernetesRunnerConfig config =
        KubernetesRunnerSettings.from(
            settings(
                Optional.of(STAGER),
                Optional.of(URI.create("https://staging.capenv.svc:8443")),
                Optional.of("10.96.0.42"),
                Map.of("app.kubernetes.io/name", "capenv"),
                Optional.of("capenv-staging-ca")));
    assertThat(config.staging().caConfigMap()).contains("capenv-staging-ca");
    assertThat(
            KubernetesRunnerSettings.from(
                    settings(
                        Optional.of(STAGER),
                        Optional.of(URI.create("https://10.96.0.42:8443")),
                        Optional.empty(),
                        Map.of("app", "capenv"),
                        Optional.of("")))
                .staging()
                .caConfigMap())
        .as("an empty value (an unset Helm value) means no CA bundle")
        .isEmpty();
  }

  @Test
  void aStagingCaConfigMapThatIsNotAConfigMapNameIsRefused() {
    assertThatThrownBy(
            () ->
                KubernetesRunnerSettings.from(
                    settings(
                        Optional.of(STAGER),
                        Optional.of(URI.create("https://10.96.0.42:8443")),
                        Optional.empty(),
                        Map.of("app", "capenv"),
                        Optional.of("../ca"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capenv.runner.kubernetes")
        .hasMessageContaining("caConfigMap");
  }

  private static RunnerConfig.Kubernetes settings(
      Optional<String> stager,
      Optional<URI> url,
      Optional<String> alias,
      Map<String, String> labels) {
    return settings(stager, url, alias, labels, Optional.empty());
  }

  private static RunnerConfig.Kubernetes settings(
      Optional<String> stager,
      Optional<URI> url,
      Optional<String> alias,
      Map<String, String> labels,
      Optional<String> caConfigMap) {
    RunnerConfig.Staging staging =
        new RunnerConfig.Staging() {
          @Override
          public Optional<URI> url() {
            return url;
          }

          @Override
          public Optional<String> hostAliasIp() {
            return alias;
          }

          @Override
          public String platformNamespace() {
            return "capenv";
          }

          @Override
          public Map<String, String> platformPodLabels() {
            return labels;
          }

          @Override
          public Optional<String> platformPodSelector() {
            return Optional.empty();
          }

          @Override
          public int port() {
            return 8443;
          }

          @Override
          public Optional<String> caConfigMap() {
            return caConfigMap;
          }
        };
    return new RunnerConfig.Kubernetes() {
      @Override
      public String namespace() {
        return "capenv-tools";
      }

      @Override
      public String serviceAccount() {
        return "capenv-tool";
      }

      @Override
      public Optional<String> runtimeClassName() {
        return Optional.of("gvisor");
      }

      @Override
      public String instance() {
        return "capenv";
      }

      @Override
      public Optional<String> stagerImage() {
        return stager;
      }

      @Override
      public RunnerConfig.Staging staging() {
        return staging;
      }

      @Override
      public Duration stagingTokenGrace() {
        return Duration.ofMinutes(15);
      }

      @Override
      public Duration ttlAfterCapture() {
        return Duration.ofMinutes(5);
      }

      @Override
      public int maxAttempts() {
        return 5;
      }

      @Override
      public Duration initialBackoff() {
        return Duration.ofMillis(200);
      }
    };
  }
}
