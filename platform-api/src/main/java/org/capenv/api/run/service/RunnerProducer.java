package org.capenv.api.run.service;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.capenv.api.config.PlatformConfig;
import org.capenv.api.config.RunnerConfig;
import org.capenv.runner.ToolRunner;
import org.capenv.runner.local.LocalSandboxConfig;
import org.capenv.runner.local.LocalSandboxRunner;

/**
 * The one place that chooses the runner from {@code capenv.runner.type}. The Kubernetes backend
 * needs the staging endpoint of issue 7's remaining work and is refused at start until it is wired,
 * rather than silently replaced by the local sandbox.
 */
@ApplicationScoped
public class RunnerProducer {
  @Produces
  @DefaultBean
  @ApplicationScoped
  ToolRunner runner(RunnerConfig runner, PlatformConfig platform) {
    if (runner.type() == RunnerConfig.Type.KUBERNETES) {
      throw new IllegalStateException(
          "capenv.runner.type=kubernetes is not wired into the platform yet (issue 7)");
    }
    return new LocalSandboxRunner(
        LocalSandboxConfig.defaults(platform.stateDir().toAbsolutePath().normalize()));
  }

  void close(@Disposes ToolRunner runner) {
    runner.close();
  }
}
