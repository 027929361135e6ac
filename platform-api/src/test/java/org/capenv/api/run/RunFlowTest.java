package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.analystA;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.junit.jupiter.api.Test;

/** The whole flow with the real local sandbox and miller: upload, run, complete, download. */
@QuarkusTest
class RunFlowTest {
  @Inject PostgresAuditStore auditLog;

  @Test
  void aRunCompletesInTheSandboxAndEveryStepIsInTheLogInOrder() throws Exception {
    String input = upload(analystA(), calls());
    assertThat(input).isEqualTo(sha256(calls()));

    Response accepted =
        json(analystA(), millerRequest(input))
            .header("Idempotency-Key", "flow-1")
            .post("/api/runs");
    accepted.then().statusCode(202).header("Location", startsWith("http"));
    String id = accepted.path("id");

    Map<String, Object> run = awaitEnd(id);
    assertThat(run.get("state")).isEqualTo("COMPLETED");
    assertThat(run.get("image")).asString().contains("@sha256:");
    List<Map<String, Object>> outputs = (List<Map<String, Object>>) run.get("outputs");
    String recorded = (String) outputs.get(0).get("sha256");

    byte[] summary =
        analystA()
            .get("/api/runs/" + id + "/outputs/summary")
            .then()
            .statusCode(200)
            .header("X-Content-SHA256", recorded)
            .extract()
            .asByteArray();
    assertThat(sha256(summary)).isEqualTo(recorded);
    assertThat(new String(summary)).contains("duration_s_count");

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
    assertThat(entries.get(1).policy().decision()).isEqualTo("allow");
    assertThat(entries.get(3).outputs()).extracting("sha256").containsExactly(recorded);
    assertThat(entries.get(4).recipients()).containsExactly("user:sub-alice");
    assertThat(entries)
        .allSatisfy(e -> assertThat(e.inputs()).extracting("sha256").contains(input));

    // a retry with the same key and body returns the same run, and no second one is recorded
    json(analystA(), millerRequest(input))
        .header("Idempotency-Key", "flow-1")
        .post("/api/runs")
        .then()
        .statusCode(200)
        .body("id", equalTo(id));
    Map<String, Object> different = millerRequest(input);
    different.put("purpose", "Another purpose");
    json(analystA(), different)
        .header("Idempotency-Key", "flow-1")
        .post("/api/runs")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    assertThat(auditLog.search(AuditQuery.all(100).withRunId(id)).entries()).hasSize(5);

    analystA()
        .get("/api/runs/" + id)
        .then()
        .statusCode(200)
        .body("auditEntries.action", hasItem("output.disclosed"));
    analystA()
        .post("/api/runs/" + id + "/cancel")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }

  private static Map<String, Object> awaitEnd(String id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      Map<String, Object> run =
          analystA().get("/api/runs/" + id).then().statusCode(200).extract().as(Map.class);
      String state = (String) run.get("state");
      if (!state.equals("PENDING") && !state.equals("RUNNING")) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + id + " did not end within 60 s");
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
