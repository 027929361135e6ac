package org.capenv.api.run.service;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.capenv.api.config.PlatformConfig;
import org.capenv.api.config.RunnerConfig;
import org.capenv.api.run.kubernetes.KubernetesRunnerSettings;
import org.capenv.api.staging.service.StagingTokenService;
import org.capenv.runner.Availability;
import org.capenv.runner.ToolRunner;
import org.capenv.runner.kubernetes.KubernetesJobRunner;
import org.capenv.runner.local.LocalSandboxConfig;
import org.capenv.runner.local.LocalSandboxRunner;

/**
 * The one place that chooses the runner from {@code capenv.runner.type}: the local sandbox by
 * default, or Kubernetes Jobs with the Quarkus-managed client. A runner that is misconfigured or
 * cannot reach its backend stops the start: there is no fallback to a weaker one.
 */
@ApplicationScoped
public class RunnerProducer {
  @Produces
  @DefaultBean
  @ApplicationScoped
  ToolRunner runner(
      RunnerConfig runner,
      PlatformConfig platform,
      Instance<KubernetesClient> kubernetes,
      StagingTokenService tokens) {
    if (runner.type() == RunnerConfig.Type.KUBERNETES) {
      KubernetesJobRunner jobs =
          new KubernetesJobRunner(
              kubernetes.get(), KubernetesRunnerSettings.from(runner.kubernetes()), tokens);
      Availability available = jobs.availability();
      if (!available.available()) {
        jobs.close();
        throw new IllegalStateException("Kubernetes runner unavailable: " + available.detail());
      }
      return jobs;
    }
    return new LocalSandboxRunner(
        LocalSandboxConfig.defaults(platform.stateDir().toAbsolutePath().normalize()));
  }

  void close(@Disposes ToolRunner runner) {
    runner.close();
  }
}
