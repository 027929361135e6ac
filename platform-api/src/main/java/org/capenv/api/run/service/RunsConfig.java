package org.capenv.api.run.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** Tool runs: regional visibility and bounds of what the API returns. */
@ConfigMapping(prefix = "capenv.runs")
public interface RunsConfig {
  /**
   * The forces of each region, e.g. {@code capenv.runs.regions.eastern=norfolk,suffolk}: a holder
   * of {@code data_scope=region:eastern} sees the runs of these forces. A region not listed here
   * covers no force (fail closed).
   */
  Map<String, List<String>> regions();

  /** Bytes of each log stream returned by {@code GET /api/runs/{id}/logs}. */
  @WithDefault("64K")
  MemorySize logResponseMaxSize();

  /** Bytes of each log stream the runner keeps. */
  @WithDefault("1M")
  MemorySize logMaxSize();
}
