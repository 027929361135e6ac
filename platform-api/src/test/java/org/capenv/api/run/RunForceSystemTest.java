package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.asUnvettedClient;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.clientA;
import static org.capenv.api.run.RunFixtures.clientB;
import static org.capenv.api.run.RunFixtures.completedRun;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.junit.jupiter.api.Test;

/**
 * A force system (client credentials, role {@code force-integration}, vetting from its client
 * registration) runs a tool that admits it, for its own force only, and everything it does names
 * the client and the force (ADR 0080).
 */
@QuarkusTest
class RunForceSystemTest {
  static final String CLIENT_A = "force-integration-norfolk";

  @Inject PostgresAuditStore auditLog;

  @Test
  void aForceSystemRunsAToolForItsForceAndIsNamedInEveryEntry() throws Exception {
    // an input of its own, so that the blob is this force's and no other test's
    byte[] rows =
        (new String(calls(), StandardCharsets.UTF_8)
                + "61,07700900611,1,2026-03-04T00:00:00Z,61,N\n")
            .getBytes(StandardCharsets.UTF_8);
    String input = upload(clientA(), rows);
    Map<String, Object> request = millerRequest(input);
    request.put("caseReference", "OP-SYSTEM/2026/1");
    String id = completedRun(RunFixtures::clientA, request);

    clientA()
        .get("/api/runs/" + id)
        .then()
        .statusCode(200)
        .body("owner", equalTo(CLIENT_A))
        .body("force", equalTo("norfolk"))
        .body("policy.rules", hasItem("role-allowed-by-tool"));
    clientA().get("/api/runs/" + id + "/outputs/summary").then().statusCode(200);

    List<AuditEntry> entries =
        auditLog.search(AuditQuery.all(20).withRunId(id)).entries().stream()
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
    assertThat(entries)
        .filteredOn(e -> !e.actor().subject().startsWith("system:"))
        .hasSize(4)
        .allSatisfy(
            e -> {
              assertThat(e.actor().clientId()).isEqualTo(CLIENT_A);
              assertThat(e.actor().force()).isEqualTo("norfolk");
              assertThat(e.actor().vetting()).isEqualTo("NPPV2");
            });
    assertThat(entries.get(4).recipients()).containsExactly("client:" + CLIENT_A, "force:norfolk");
    assertThat(
            auditLog
                .search(
                    AuditQuery.all(20)
                        .withActorSubject("sub-" + CLIENT_A)
                        .withAction(Action.DATA_COLLECTED))
                .entries())
        .map(StoredEntry::entry)
        .anySatisfy(
            e -> {
              assertThat(e.details()).containsEntry("sha256", input);
              assertThat(e.details()).containsEntry("force", "norfolk");
              assertThat(e.actor().clientId()).isEqualTo(CLIENT_A);
            });

    // force B's system can neither reach the run nor use force A's upload
    clientB().get("/api/runs/" + id).then().statusCode(404);
    clientB().get("/api/runs/" + id + "/outputs/summary").then().statusCode(404);
    clientB().post("/api/runs/" + id + "/cancel").then().statusCode(404);
    json(clientB(), request)
        .post("/api/runs")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("/inputs/records"));
  }

  @Test
  void anUnvettedForceSystemIsRefusedByThePolicyAndTheRefusalIsAudited() throws Exception {
    String input = upload(asUnvettedClient(CLIENT_A, "norfolk"), calls());
    Map<String, Object> request = millerRequest(input);
    request.put("caseReference", "OP-SYSTEM/2026/2");
    json(asUnvettedClient(CLIENT_A, "norfolk"), request)
        .post("/api/runs")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("vetting"));
    assertThat(auditLog.search(AuditQuery.all(10).withCaseReference("OP-SYSTEM/2026/2")).entries())
        .map(StoredEntry::entry)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(Action.RUN_DENIED);
              assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
              assertThat(e.actor().clientId()).isEqualTo(CLIENT_A);
              assertThat(e.actor().force()).isEqualTo("norfolk");
              assertThat(e.policy().rules()).contains("vetting-below-tool-minimum");
            });
  }

  @Test
  void aForceSystemIsRefusedAToolThatDoesNotAdmitIt() throws Exception {
    Path samples = RunFixtures.CALLS.getParent();
    Map<String, Object> request = millerRequest("d".repeat(64));
    request.put("tool", "yara-indicator-scan");
    request.put("parameters", Map.of());
    request.put(
        "inputs",
        Map.of(
            "rules", upload(clientA(), Files.readAllBytes(samples.resolve("indicators.yar"))),
            "target", upload(clientA(), Files.readAllBytes(samples.resolve("exhibit.txt")))));
    request.put("caseReference", "OP-SYSTEM/2026/3");
    json(clientA(), request).post("/api/runs").then().statusCode(403);
    assertThat(auditLog.search(AuditQuery.all(10).withCaseReference("OP-SYSTEM/2026/3")).entries())
        .map(StoredEntry::entry)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(Action.RUN_DENIED);
              // yara-indicator-scan admits analysts only: no rule allows a force system
              assertThat(e.policy().rules()).doesNotContain("role-allowed-by-tool");
            });
  }
}
