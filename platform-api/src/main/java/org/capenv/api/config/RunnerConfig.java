package org.capenv.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
  }
}
