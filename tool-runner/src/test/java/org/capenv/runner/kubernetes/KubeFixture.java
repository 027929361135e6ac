package org.capenv.runner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.spec.ImageReference;

/** The fabric8 mock API server in CRUD mode, a client without its own retries, and a runner. */
final class KubeFixture implements AutoCloseable {
  static final String NS = "capenv-tools";
  static final ImageReference STAGER =
      ImageReference.parse("registry.example.police.uk/capenv/stage@sha256:" + "cd".repeat(32));
  static final StagingEndpoint STAGING =
      new StagingEndpoint(
          URI.create("https://staging.capenv.svc:8443/internal/staging"),
          Optional.of("10.96.0.42"),
          "capenv",
          Map.of("app.kubernetes.io/name", "capenv-platform"),
          8443);

  /** CRUD mode (objects are stored and watched) plus expectations, which take precedence. */
  final KubernetesMockServer server;

  final KubernetesClient client;
  final KubernetesRunnerConfig config;
  final List<RunStatus> events = new CopyOnWriteArrayList<>();
  final SimulatedController controller;
  private final List<String> requests = new ArrayList<>();
  KubernetesJobRunner runner;

  KubeFixture() {
    this(Optional.of("gvisor"), 10_000);
  }

  KubeFixture(Optional<String> runtimeClass) {
    this(runtimeClass, 10_000);
  }

  /**
   * @param requestTimeoutMillis client request timeout; short only where a test injects a slow
   *     response, because the shared build machine can be slow to hand out connections
   */
  KubeFixture(Optional<String> runtimeClass, int requestTimeoutMillis) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            true);
    server.init();
    Config base;
    try (KubernetesClient plain = server.createClient()) {
      base = plain.getConfiguration();
    }
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(base)
                    .withNamespace(NS)
                    .withRequestTimeout(requestTimeoutMillis)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    // the first request sets up the HTTP client and TLS, which can outlast the short timeout
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        client.namespaces().list();
        break;
      } catch (KubernetesClientException e) {
        if (attempt == 9) {
          throw e;
        }
      }
    }
    KubernetesRunnerConfig defaults =
        KubernetesRunnerConfig.defaults("test-install", STAGER, STAGING)
            .withRetries(4, Duration.ofMillis(20));
    config = runtimeClass.map(defaults::withRuntimeClassName).orElse(defaults);
    controller = new SimulatedController(client, NS);
    runner = newRunner();
  }

  /** A runner as the platform would build it after a restart: same cluster, nothing in memory. */
  KubernetesJobRunner newRunner() {
    KubernetesJobRunner created =
        new KubernetesJobRunner(
            client,
            config,
            runId -> new StagingTokenIssuer.StagingTokens("fetch-" + runId, "upload-" + runId));
    created.addListener(events::add);
    return created;
  }

  /** Every request the API server received so far, as "METHOD path". */
  List<String> requests() throws InterruptedException {
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request.getMethod() + " " + request.getPath());
    }
    return List.copyOf(requests);
  }

  long count(String methodAndPathPrefix) throws InterruptedException {
    return requests().stream().filter(r -> r.startsWith(methodAndPathPrefix)).count();
  }

  RunStatus awaitState(String runId, RunState state) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      for (RunStatus event : events) {
        if (event.runId().equals(runId) && event.state() == state) {
          return event;
        }
      }
      Thread.sleep(20);
    }
    assertThat(events).as("events of " + runId).anyMatch(e -> e.state() == state);
    throw new AssertionError("unreachable");
  }

  @Override
  public void close() {
    runner.close();
    client.close();
    server.destroy();
  }
}
