package org.capenv.api.run.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.capenv.api.config.RunnerConfig;
import org.capenv.runner.kubernetes.KubernetesRunnerConfig;
import org.junit.jupiter.api.Test;

/**
 * The runner's settings as a Helm install sets them: environment variables only, read through the
 * real config mapping (no application start). A label key such as {@code app.kubernetes.io/name}
 * cannot be a map key in an environment variable name, hence the selector form.
 */
class KubernetesRunnerEnvTest {
  private static final String STAGER = "registry.example/capenv/stage@sha256:" + "ab".repeat(32);

  /** The variables the chart renders for the runner (helm module, PlatformConfigTest). */
  private static Map<String, String> chartEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("CAPENV_RUNNER_TYPE", "kubernetes");
    env.put("CAPENV_RUNNER_KUBERNETES_NAMESPACE", "capenv-tools");
    env.put("CAPENV_RUNNER_KUBERNETES_SERVICE_ACCOUNT", "capenv-tool");
    env.put("CAPENV_RUNNER_KUBERNETES_INSTANCE", "capenv");
    env.put("CAPENV_RUNNER_KUBERNETES_STAGER_IMAGE", STAGER);
    env.put("CAPENV_RUNNER_KUBERNETES_STAGING_URL", "https://capenv-staging.capenv.svc:8443");
    env.put("CAPENV_RUNNER_KUBERNETES_STAGING_HOST_ALIAS_IP", "10.96.0.20");
    env.put("CAPENV_RUNNER_KUBERNETES_STAGING_PORT", "8443");
    env.put("CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_NAMESPACE", "capenv");
    env.put(
        "CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_POD_SELECTOR",
        "app.kubernetes.io/instance=capenv,app.kubernetes.io/name=capenv");
    env.put("CAPENV_RUNNER_KUBERNETES_STAGING_CA_CONFIG_MAP", "capenv-staging-ca");
    return env;
  }

  private static KubernetesRunnerConfig read(Map<String, String> env) {
    RunnerConfig runner =
        new SmallRyeConfigBuilder()
            .withMapping(RunnerConfig.class)
            .withSources(new EnvConfigSource(env, 300))
            .build()
            .getConfigMapping(RunnerConfig.class);
    assertThat(runner.type()).isEqualTo(RunnerConfig.Type.KUBERNETES);
    return KubernetesRunnerSettings.from(runner.kubernetes());
  }

  @Test
  void theChartsEnvironmentBecomesAValidRunnerConfiguration() {
    KubernetesRunnerConfig config = read(chartEnv());

    assertThat(config.stagerImage().toString()).isEqualTo(STAGER);
    assertThat(config.staging().url().toString())
        .isEqualTo("https://capenv-staging.capenv.svc:8443");
    assertThat(config.staging().hostAliasIp()).contains("10.96.0.20");
    assertThat(config.staging().platformNamespace()).isEqualTo("capenv");
    assertThat(config.staging().platformPodLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("app.kubernetes.io/name", "capenv", "app.kubernetes.io/instance", "capenv"));
    assertThat(config.staging().port()).isEqualTo(8443);
    assertThat(config.staging().caConfigMap()).contains("capenv-staging-ca");
  }

  @Test
  void aMalformedSelectorIsRefusedNamingItsKey() {
    Map<String, String> env = chartEnv();
    env.put("CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_POD_SELECTOR", "app.kubernetes.io/name");
    assertThatThrownBy(() -> read(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capenv.runner.kubernetes.staging.platform-pod-selector");
    env.put("CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_POD_SELECTOR", "app=a b");
    assertThatThrownBy(() -> read(env)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutAnySelectorTheStartIsRefused() {
    Map<String, String> env = chartEnv();
    env.remove("CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_POD_SELECTOR");
    assertThatThrownBy(() -> read(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("platformPodLabels");
  }
}
