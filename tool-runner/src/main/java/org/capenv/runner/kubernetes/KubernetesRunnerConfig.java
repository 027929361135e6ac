package org.capenv.runner.kubernetes;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.capenv.runner.spec.ImageReference;
import org.capenv.runner.spec.Names;

/**
 * Settings of the Kubernetes backend.
 *
 * @param namespace tools namespace ({@code capenv.runner.kubernetes.namespace})
 * @param serviceAccount dedicated service account without API permissions ({@code
 *     capenv.runner.kubernetes.service-account}); its token is never mounted
 * @param runtimeClassName optional sandboxed runtime such as gVisor or Kata ({@code
 *     capenv.runner.kubernetes.runtime-class-name})
 * @param instance value of the {@code capenv.org/instance} label: reconcile only adopts Jobs of
 *     this platform installation
 * @param stagerImage image, by digest, of the staging containers ({@code capenv-stage})
 * @param staging the staging endpoint
 * @param ttlAfterCapture {@code ttlSecondsAfterFinished} set on a Job once its logs and outputs
 *     were captured
 * @param maxAttempts attempts per API call for retryable errors (5xx, 429, timeouts)
 * @param initialBackoff first retry delay, doubled on each attempt
 */
public record KubernetesRunnerConfig(
    String namespace,
    String serviceAccount,
    Optional<String> runtimeClassName,
    String instance,
    ImageReference stagerImage,
    StagingEndpoint staging,
    Duration ttlAfterCapture,
    int maxAttempts,
    Duration initialBackoff) {
  public KubernetesRunnerConfig {
    Names.tool(namespace);
    Names.tool(serviceAccount);
    Objects.requireNonNull(runtimeClassName, "runtimeClassName");
    Names.tool(instance);
    Objects.requireNonNull(stagerImage, "stagerImage");
    Objects.requireNonNull(staging, "staging");
    Objects.requireNonNull(ttlAfterCapture, "ttlAfterCapture");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
  }

  /** The shared defaults: namespace {@code capenv-tools}, service account {@code capenv-tool}. */
  public static KubernetesRunnerConfig defaults(
      String instance, ImageReference stagerImage, StagingEndpoint staging) {
    return new KubernetesRunnerConfig(
        "capenv-tools",
        "capenv-tool",
        Optional.empty(),
        instance,
        stagerImage,
        staging,
        Duration.ofMinutes(5),
        5,
        Duration.ofMillis(200));
  }

  public KubernetesRunnerConfig withRuntimeClassName(String name) {
    return new KubernetesRunnerConfig(
        namespace,
        serviceAccount,
        Optional.of(name),
        instance,
        stagerImage,
        staging,
        ttlAfterCapture,
        maxAttempts,
        initialBackoff);
  }

  public KubernetesRunnerConfig withRetries(int attempts, Duration backoff) {
    return new KubernetesRunnerConfig(
        namespace,
        serviceAccount,
        runtimeClassName,
        instance,
        stagerImage,
        staging,
        ttlAfterCapture,
        attempts,
        backoff);
  }
}
