package org.capenv.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How tool runs are isolated: a local bubblewrap sandbox or Kubernetes Jobs. */
@ConfigMapping(prefix = "capenv.runner")
public interface RunnerConfig {
  /** The kinds of runner. */
  enum Type {
    LOCAL,
    KUBERNETES
  }

  /** Which runner launches tool runs: {@code local} (bubblewrap) or {@code kubernetes}. */
  @WithDefault("local")
  Type type();

  /** Settings of the Kubernetes runner. */
  Kubernetes kubernetes();

  /** Settings of the Kubernetes runner. */
  interface Kubernetes {
    /** Namespace the tool Jobs are created in. */
    @WithDefault("capenv-tools")
    String namespace();

    /** Service account of tool pods (its token is never mounted). */
    @WithDefault("capenv-tool")
    String serviceAccount();

    /** RuntimeClass of tool pods, e.g. {@code gvisor}; empty: the cluster default. */
    Optional<String> runtimeClassName();

    /**
     * Value of the {@code capenv.org/instance} label on this installation's Jobs: reconcile adopts
     * only Jobs with it. Distinct per installation sharing a tools namespace.
     */
    @WithDefault("capenv")
    String instance();

    /** Image of the staging containers ({@code capenv-stage}), by digest; required. */
    Optional<String> stagerImage();

    /** Where staging containers reach the platform. */
    Staging staging();

    /**
     * How long a run's staging tokens outlive its timeout: time for scheduling and image pulls
     * before {@code stage-in} and after the tool for {@code stage-out}.
     */
    @WithDefault("PT15M")
    Duration stagingTokenGrace();

    /** {@code ttlSecondsAfterFinished} set on a Job once its logs and outputs were captured. */
    @WithDefault("PT5M")
    Duration ttlAfterCapture();

    /** Attempts per Kubernetes API call on retryable errors (5xx, 429, timeouts). */
    @WithDefault("5")
    int maxAttempts();

    /** First retry delay, doubled on each further attempt. */
    @WithDefault("PT0.2S")
    Duration initialBackoff();
  }

  /** The platform's staging endpoint as seen from tool pods. */
  interface Staging {
    /** HTTPS base URL of the staging API, e.g. {@code https://capenv-staging.capenv.svc:8443}. */
    Optional<URI> url();

    /**
     * Address the staging host name resolves to inside tool pods (they get no DNS): the staging
     * Service's cluster IP. Empty only if the URL names an IP address.
     */
    Optional<String> hostAliasIp();

    /** Namespace of the platform pods, the only egress destination of tool pods. */
    @WithDefault("capenv")
    String platformNamespace();

    /** Labels selecting the platform pods that serve staging. */
    Map<String, String> platformPodLabels();

    /**
     * The same labels as one equality selector, {@code key=value,key=value}, merged with {@link
     * #platformPodLabels()}: the form an environment variable can carry, because a label key such
     * as {@code app.kubernetes.io/name} does not survive the environment-variable name of a map
     * key.
     */
    Optional<String> platformPodSelector();

    /** TCP port of the staging API on the platform pods. */
    @WithDefault("8443")
    int port();

    /**
     * ConfigMap in the tools namespace whose key {@code ca.crt} holds the CA bundle the staging
     * containers trust for the staging certificate (a private CA); empty: the stager image's own
     * trust store.
     */
    Optional<String> caConfigMap();
  }
}
