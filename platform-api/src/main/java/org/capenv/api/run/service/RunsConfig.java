package org.capenv.api.run.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Tool runs: regional visibility, bounds of what the API returns, and the launch queue. */
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

  /**
   * Accepted runs recorded in one transaction at most (ADR 0097): concurrent submissions share a
   * commit and one hold of the audit log's head lock.
   */
  @WithDefault("64")
  int recordMaxBatch();

  /** The launch queue between accepting a run and handing it to the runner (ADR 0063). */
  Launch launch();

  /** Launch workers and the bound of accepted runs waiting for them. */
  interface Launch {
    /**
     * Threads that hand accepted runs to the runner. Each holds a database connection while the
     * runner accepts a run, so keep it well below the connection pool's size.
     */
    @WithDefault("4")
    int workers();

    /**
     * Accepted runs not yet launched (waiting or being launched). When it is reached, {@code POST
     * /api/runs} answers 503 with {@code Retry-After} before anything is written.
     */
    @WithDefault("1000")
    int queueCapacity();

    /** The {@code Retry-After} of a submission refused because the queue is full. */
    @WithDefault("2S")
    Duration retryAfter();
  }
}
