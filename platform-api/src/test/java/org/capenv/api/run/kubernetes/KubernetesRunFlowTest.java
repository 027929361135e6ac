package org.capenv.api.run.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.kubernetes.KubeCallers.analyst;
import static org.capenv.api.run.kubernetes.KubeCallers.awaitEnd;
import static org.capenv.api.run.kubernetes.KubeCallers.awaitLaunched;
import static org.capenv.api.run.kubernetes.KubeCallers.calls;
import static org.capenv.api.run.kubernetes.KubeCallers.manifest;
import static org.capenv.api.run.kubernetes.KubeCallers.sha256;
import static org.capenv.api.run.kubernetes.KubeCallers.submit;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.capenv.audit.verify.LogVerification;
import org.capenv.audit.verify.VerificationResult;
import org.capenv.runner.ToolRunner;
import org.junit.jupiter.api.Test;

/**
 * The whole flow through the Kubernetes runner: the platform creates the run's Job on the mock API
 * server; a simulated cluster fetches the input and uploads the output through the staging API with
 * the tokens from the run's Secret, then reports the termination manifest; the platform records
 * completion with the output's hash, and the output downloads through the user API.
 */
@QuarkusTest
@TestProfile(KubernetesRunnerProfile.class)
class KubernetesRunFlowTest {
  @Inject KubernetesClient kubernetes;
  @Inject PostgresAuditStore auditLog;
  @Inject AgroalDataSource dataSource;
  @Inject ToolRunner runner;

  @Test
  void aRunCompletesThroughAJobAndTheStagingApiAndEveryStepIsInAVerifiedLog() throws Exception {
    ClusterSimulator cluster = new ClusterSimulator(kubernetes);
    RequestSpecification kim = analyst("kim", "norfolk");
    byte[] input = calls();
    String id = submit(kim, input);

    Job job = cluster.awaitJob(id);
    awaitLaunched(kim, id);
    assertThat(job.getMetadata().getLabels()).containsEntry("capenv.org/run-id", id);
    assertThat(job.getSpec().getTemplate().getSpec().getInitContainers().get(1).getImage())
        .contains("@sha256:");
    cluster.start(id);

    String fetchToken = cluster.token(id, "fetch-token");
    byte[] fetched =
        ClusterSimulator.fetch(id, "records", fetchToken)
            .then()
            .statusCode(200)
            .header("X-Content-SHA256", sha256(input))
            .extract()
            .asByteArray();
    assertThat(fetched).isEqualTo(input);

    byte[] summary = "{\"caller\":\"07700900001\",\"duration_s_count\":3}\n".getBytes();
    String uploadToken = cluster.token(id, "upload-token");
    ClusterSimulator.upload(id, "summary", uploadToken, summary)
        .then()
        .statusCode(201)
        .body("sha256", equalTo(sha256(summary)));
    cluster.succeed(id, manifest("summary", summary));

    Map<String, Object> run = awaitEnd(kim, id);
    assertThat(run.get("state")).isEqualTo("COMPLETED");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> outputs = (List<Map<String, Object>>) run.get("outputs");
    assertThat(outputs).extracting(o -> o.get("sha256")).containsExactly(sha256(summary));

    byte[] downloaded =
        kim.get("/api/runs/" + id + "/outputs/summary")
            .then()
            .statusCode(200)
            .header("X-Content-SHA256", sha256(summary))
            .extract()
            .asByteArray();
    assertThat(downloaded).isEqualTo(summary);

    List<AuditEntry> entries =
        auditLog.search(AuditQuery.all(100).withRunId(id)).entries().stream()
            .map(StoredEntry::entry)
            .toList();
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly(
            Action.RUN_REQUESTED,
            Action.POLICY_DECIDED,
            Action.RUN_LAUNCHED,
            Action.RUN_COMPLETED,
            Action.OUTPUT_DISCLOSED);
    assertThat(entries.get(3).outputs()).extracting("sha256").containsExactly(sha256(summary));
    VerificationResult verified =
        LogVerification.database(
            dataSource, NoteVerifier.parse(auditLog.verifierKey()), auditLog.checkpoint().note());
    assertThat(verified.ok()).as(verified.summary()).isTrue();

    // the log was stored with the run's end (ADR 0100): the runner holds the run no longer, and
    // the log is served from the database
    byte[] stored = storedLog(id);
    assertThat(stored).isNotEmpty();
    awaitForgotten(id);
    kim.get("/api/runs/" + id + "/logs")
        .then()
        .statusCode(200)
        .body("stdout", equalTo(new String(stored, StandardCharsets.UTF_8)));
  }

  private byte[] storedLog(String id) throws Exception {
    try (var connection = dataSource.getConnection();
        var query = connection.prepareStatement("SELECT stdout FROM run_log WHERE run_id = ?")) {
      query.setString(1, id);
      try (var rows = query.executeQuery()) {
        assertThat(rows.next()).as("a run_log row for " + id).isTrue();
        return rows.getBytes(1);
      }
    }
  }

  private void awaitForgotten(String id) throws InterruptedException {
    for (int i = 0; i < 100 && runner.logs(id).stdout().length > 0; i++) {
      Thread.sleep(50);
    }
    assertThat(runner.logs(id).stdout()).isEmpty();
  }

  @Test
  void outputBytesThatDoNotHashToTheManifestFailTheRunAndAreNeverDisclosed() throws Exception {
    ClusterSimulator cluster = new ClusterSimulator(kubernetes);
    RequestSpecification lee = analyst("lee", "norfolk");
    String id = submit(lee, (new String(calls(), StandardCharsets.UTF_8) + "\n").getBytes());
    cluster.awaitJob(id);
    awaitLaunched(lee, id);
    cluster.start(id);
    byte[] uploaded = "what the platform received\n".getBytes(StandardCharsets.UTF_8);
    ClusterSimulator.upload(id, "summary", cluster.token(id, "upload-token"), uploaded)
        .then()
        .statusCode(201);
    // the pod claims different bytes than the platform received: two attestations disagree
    cluster.succeed(id, manifest("summary", "what the pod claims\n".getBytes()));

    Map<String, Object> run = awaitEnd(lee, id);
    assertThat(run.get("state")).isEqualTo("FAILED");
    assertThat(run.get("reason")).isEqualTo("OutputIntegrity");
    lee.get("/api/runs/" + id + "/outputs/summary")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertThat(auditLog.search(AuditQuery.all(10).withRunId(id)).entries())
        .extracting(e -> e.entry().action())
        .contains(Action.RUN_FAILED)
        .doesNotContain(Action.RUN_COMPLETED, Action.OUTPUT_DISCLOSED);
  }
}
