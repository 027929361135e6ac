package org.capenv.bench.runs;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.vertx.core.net.SelfSignedCertificate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.capenv.audit.note.NoteSigner;

/**
 * Submits runs through {@code POST /api/runs} of the packaged platform, configured with the
 * Kubernetes runner against the fabric8 mock API server (CRUD), at 1, 16 and 64 concurrent clients;
 * then, in the same process and on the same mock server, creates the same objects directly with the
 * fabric8 client. Every part is real except the API server: embedded PostgreSQL, the packaged jar,
 * bearer-token validation against a discovered JWKS.
 *
 * <p>Runs are accepted before they are launched (a bounded launch queue): after each level of
 * submissions the harness also waits until no run is PENDING, and reports how fast the launches
 * drained, counted from the start of that level.
 *
 * <p>Arguments: {@code <quarkus-run.jar> <catalog dir> <policies dir> <work dir> [calls per level]
 * [calls per warm-up round] [launch workers]}. Prints the warm-up rounds and one Markdown table.
 */
public final class RunLoadHarness {
  private static final int[] CLIENTS = {1, 16, 64};
  private static final Pattern SHA256 = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"");
  private static final Pattern RUN_ID = Pattern.compile("\"id\"\\s*:\\s*\"([a-z0-9-]+)\"");

  /** The API token of both fabric8 clients; the mock server accepts any. */
  private static final String BENCH_API_TOKEN = "bench-service-account-token";

  /** Held so the level set on it is not lost to garbage collection. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private static final String TOOLS_NAMESPACE = "capenv-tools";

  /** The platform's installation label, which its Jobs carry. */
  private static final String INSTANCE = "bench";

  private RunLoadHarness() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path catalog = Path.of(args[1]).toAbsolutePath();
    Path policies = Path.of(args[2]).toAbsolutePath();
    Path work = Path.of(args[3]).toAbsolutePath();
    int calls = args.length > 4 ? Integer.parseInt(args[4]) : 500;
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
    String launchWorkers = args.length > 6 ? args[6] : null;
    Files.createDirectories(work);
    // the mock server logs every request at INFO: console output is not what is measured
    MOCK_LOG.setLevel(Level.WARNING);

    KubernetesMockServer api =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            true);
    api.init();
    SimulatedCluster cluster = null;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        BenchIssuer issuer = new BenchIssuer();
        KubernetesClient kube = client(api)) {
      Map<String, String> config = new HashMap<>();
      config.put("quarkus.profile", "local");
      config.put(
          "quarkus.datasource.jdbc.url",
          "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
      config.put("quarkus.datasource.username", "postgres");
      config.put("quarkus.oidc.auth-server-url", issuer.issuer());
      config.put(
          "quarkus.oidc.portal.authentication.state-secret",
          "bench-state-secret-0123456789abcdef0123");
      config.put(
          "quarkus.oidc.portal.token-state-manager.encryption-secret",
          "bench-session-secret-0123456789abcdef012");
      config.put("quarkus.log.level", "WARN");
      config.put("capenv.audit.origin", "bench.capenv.test/audit");
      config.put(
          "capenv.audit.signing-key",
          NoteSigner.generate("bench.capenv.test/audit").signerKeyText());
      config.put("capenv.state-dir", work.resolve("state").toString());
      config.put("capenv.catalog.dir", catalog.toString());
      config.put("capenv.catalog.bootstrap-approve", "true");
      config.put("capenv.policies.dir", policies.toString());
      config.put("capenv.runner.type", "kubernetes");
      config.put("capenv.runner.kubernetes.instance", INSTANCE);
      // the simulated cluster's TTL controller collects a captured run's Job after this
      config.put("capenv.runner.kubernetes.ttl-after-capture", "PT1S");
      config.put(
          "capenv.runner.kubernetes.stager-image",
          "registry.example.police.uk/capenv/stage@sha256:" + "cd".repeat(32));
      config.put("capenv.runner.kubernetes.staging.url", "https://staging.capenv.svc:8443");
      config.put("capenv.runner.kubernetes.staging.host-alias-ip", "10.96.0.42");
      config.put("capenv.runner.kubernetes.staging.platform-pod-labels.app", "capenv");
      // the Kubernetes runner needs the HTTPS staging listener: a throw-away certificate (Vert.x,
      // already on the mock server's classpath), on a port of its own
      SelfSignedCertificate staging = SelfSignedCertificate.create("localhost");
      config.put("quarkus.http.ssl.certificate.files", staging.certificatePath());
      config.put("quarkus.http.ssl.certificate.key-files", staging.privateKeyPath());
      config.put("quarkus.http.ssl-port", Integer.toString(PlatformProcess.freePort()));
      config.put(
          "quarkus.kubernetes-client.api-server-url", kube.getConfiguration().getMasterUrl());
      config.put("quarkus.kubernetes-client.trust-certs", "true");
      // in a cluster the platform authenticates with its service account's token; without any
      // token, fabric8 re-reads its whole configuration before every request (its token refresh
      // only counts as done once it finds a token), which a deployment with a token does not pay
      config.put("quarkus.kubernetes-client.token", BENCH_API_TOKEN);
      if (launchWorkers != null) {
        config.put("capenv.runs.launch.workers", launchWorkers);
      }

      try (PlatformProcess platform =
          PlatformProcess.start(jar, config, work.resolve("platform.log"), "768m")) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = issuer.analystToken("bench-analyst", "norfolk");
        URI base = platform.base();
        String input =
            upload(
                http,
                base,
                token,
                Files.readAllBytes(catalog.resolveSibling("samples").resolve("call-records.csv")));
        String body = runRequest(input);
        Load.Call submit = i -> submit(http, base, token, body);

        // one run's objects, copied for the raw rows: its Kubernetes objects exist once it has been
        // launched, and before the simulated cluster finishes it (capture deletes its Secret)
        String sample = submitReturningId(http, base, token, body);
        awaitNoPending(http, base, token);
        RawObjects raw = RawObjects.capture(kube, TOOLS_NAMESPACE, "capenv-run-" + sample);
        cluster =
            new SimulatedCluster(
                api,
                kube,
                TOOLS_NAMESPACE,
                Map.of("app.kubernetes.io/managed-by", "capenv", "capenv.org/instance", INSTANCE));

        CpuMeter meter = new CpuMeter(platform.handle(), postgres.getPort());
        List<Load.Result> results = new ArrayList<>();
        warmUp(submit, warmup, meter, () -> awaitNoPending(http, base, token));
        Load.measure("warm-up raw (discarded)", 4, warmup, i -> raw.createJob(1_000_000 + i), null);
        raw.deleteAll();
        int offset = 0;
        for (int clients : CLIENTS) {
          long levelStart = System.nanoTime();
          CpuMeter.Reading before = meter.read();
          results.add(Load.measure("POST /api/runs", clients, calls, submit, meter));
          long drained = awaitNoPending(http, base, token);
          results.add(
              Load.Result.drained(
                  "launched (accepted → not PENDING)",
                  clients,
                  calls,
                  levelStart,
                  drained,
                  meter.read().since(before)));
          int base0 = offset;
          results.add(
              Load.measure(
                  "fabric8: Job create", clients, calls, i -> raw.createJob(base0 + i), meter));
          results.add(
              Load.measure(
                  "fabric8: NetworkPolicy+get, Secret, Job",
                  clients,
                  calls,
                  i -> raw.createRunObjects(base0 + i),
                  meter));
          raw.deleteAll();
          offset += calls;
        }
        System.out.println(
            "| what | clients | calls | failures | per second | p50 ms | p99 ms | max ms"
                + " | CPU ms per call: platform | of which its JIT | PostgreSQL"
                + " | harness and mock API |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        results.forEach(r -> System.out.println(r.row()));
        System.out.println();
        System.out.println(
            "Runs ended FAILED (e.g. a launch the runner refused): "
                + (anyInState(http, base, token, "FAILED") ? "some" : "none")
                + "; runs COMPLETED by the simulated cluster: "
                + (anyInState(http, base, token, "COMPLETED") ? "some" : "none")
                + "; its failed API calls: "
                + cluster.failures());
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      api.destroy();
    }
  }

  /** Warm-up rounds stop once the platform's JIT spent less than this share of its CPU. */
  private static final double JIT_SETTLED = 0.10;

  private static final int MAX_WARMUP_ROUNDS = 5;

  /**
   * Warms the platform up in rounds of {@code calls} submissions at 16 clients, each followed by
   * its launches, until a round in which the platform's JIT compilers spent under {@link
   * #JIT_SETTLED} of its CPU (or {@link #MAX_WARMUP_ROUNDS} rounds): the levels then measure a
   * platform that is done compiling, not one still competing with its own compiler for the cores.
   * Each round is printed, so what the warm-up took is on record.
   */
  private static void warmUp(Load.Call submit, int calls, CpuMeter meter, Callable<?> drain)
      throws Exception {
    for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
      CpuMeter.Reading before = meter.read();
      Load.Result accepted = Load.measure("warm-up", 16, calls, submit, null);
      drain.call();
      CpuMeter.Usage used = meter.read().since(before);
      System.out.printf(
          "warm-up round %d: %d calls at 16 clients, %.0f/s; platform CPU %.1f s, of which JIT"
              + " %.1f s (%.0f%%)%n",
          round,
          calls,
          accepted.perSecond(),
          used.platform() / 1e9,
          used.platformJit() / 1e9,
          100 * used.jitShare());
      if (used.jitShare() < JIT_SETTLED) {
        return;
      }
    }
  }

  private static KubernetesClient client(KubernetesMockServer api) {
    Config base;
    try (KubernetesClient plain = api.createClient()) {
      base = plain.getConfiguration();
    }
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(base)
                .withRequestRetryBackoffLimit(0)
                .withOauthToken(BENCH_API_TOKEN)
                .build())
        .build();
  }

  private static String upload(HttpClient http, URI base, String token, byte[] content)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/blobs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher hash = SHA256.matcher(response.body());
    if (response.statusCode() != 201 || !hash.find()) {
      throw new IllegalStateException(
          "upload refused: " + response.statusCode() + " " + response.body());
    }
    return hash.group(1);
  }

  private static boolean anyInState(HttpClient http, URI base, String token, String state)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/runs?limit=1&state=" + state))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("run list refused: " + response.statusCode());
    }
    return RUN_ID.matcher(response.body()).find();
  }

  /**
   * Polls the run list until no run is PENDING; returns when that was seen. Polls every 20 ms, so
   * the drain time is overstated by at most that plus one list call.
   */
  private static long awaitNoPending(HttpClient http, URI base, String token) throws Exception {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!anyInState(http, base, token, "PENDING")) {
        return System.nanoTime();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("runs still PENDING after 600 s");
  }

  private static String runRequest(String input) {
    return "{\"tool\":\"miller-cdr-stats\",\"version\":\"1.0.0\","
        + "\"parameters\":{\"fields\":\"duration_s\",\"group_by\":\"caller\"},"
        + "\"inputs\":{\"records\":\""
        + input
        + "\"},"
        + "\"purpose\":\"Load test of run submission\",\"caseReference\":\"BENCH/2026/1\","
        + "\"classification\":\"OFFICIAL-SENSITIVE\"}";
  }

  private static void submit(HttpClient http, URI base, String token, String body)
      throws Exception {
    submitReturningId(http, base, token, body);
  }

  private static String submitReturningId(HttpClient http, URI base, String token, String body)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/runs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher id = RUN_ID.matcher(response.body());
    if (response.statusCode() != 202 || !id.find()) {
      throw new IllegalStateException(
          "run not accepted: " + response.statusCode() + " " + response.body());
    }
    return id.group(1);
  }
}
