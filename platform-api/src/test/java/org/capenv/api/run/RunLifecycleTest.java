package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.as;
import static org.capenv.api.run.RunFixtures.awaitState;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.capenv.runner.RunState;
import org.capenv.runner.ToolRunner;
import org.junit.jupiter.api.Test;

/**
 * Runs of tool versions in each lifecycle state, through the real catalogue lifecycle and the real
 * sandbox: a running run is cancelled and its sandbox stopped; a version in review or suspended is
 * refused with 409 and leaves nothing behind.
 */
@QuarkusTest
class RunLifecycleTest {
  /** Long enough to be cancelled while it runs, short enough not to outlive a failed test long. */
  static final List<String> SLOW =
      List.of("/usr/bin/sh", "-c", "echo started before the cancel >&2; exec /usr/bin/sleep 60");

  @Inject PostgresAuditStore auditLog;
  @Inject AgroalDataSource dataSource;
  @Inject ToolRunner runner;

  private static RequestSpecification owen() {
    return as("owen", "norfolk", "analyst");
  }

  private static Map<String, Object> request(String tool, String input, String caseReference) {
    Map<String, Object> request = millerRequest(input);
    request.put("tool", tool);
    request.put("caseReference", caseReference);
    return request;
  }

  @Test
  void aRunningRunIsCancelledItsSandboxStoppedAndTheCancellationAudited() throws Exception {
    String tool = RunToolFixtures.uniqueName("slow");
    RunToolFixtures.approve(tool, SLOW);
    String input = upload(owen(), calls());

    String id =
        json(owen(), request(tool, input, "OP-CANCEL/2026/1"))
            .post("/api/runs")
            .then()
            .statusCode(202)
            .body("state", equalTo("PENDING"))
            .extract()
            .path("id");
    // accepted, then launched by a launch worker
    awaitState(RunLifecycleTest::owen, id, "RUNNING");
    assertThat(runner.status(id).state()).isEqualTo(RunState.RUNNING);
    // while it runs, its log so far is served (each reading recorded as a consultation)
    Instant firstLine = Instant.now().plus(Duration.ofSeconds(20));
    String stderr = "";
    while (!stderr.equals("started before the cancel\n")) {
      assertThat(Instant.now())
          .as("the first line is served while the run goes")
          .isBefore(firstLine);
      Thread.sleep(200);
      stderr =
          owen().get("/api/runs/" + id + "/logs").then().statusCode(200).extract().path("stderr");
    }
    assertThat(runner.status(id).state()).isEqualTo(RunState.RUNNING);

    owen()
        .post("/api/runs/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("state", equalTo("CANCELLED"))
        .body("reason", equalTo("CancelledByUser"));

    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!runner.status(id).state().isTerminal()) {
      assertThat(Instant.now()).as("the sandbox stops").isBefore(deadline);
      Thread.sleep(100);
    }
    assertThat(runner.status(id).state()).isEqualTo(RunState.CANCELLED);
    // the runner's own report of the end changes nothing more
    Thread.sleep(500);
    owen().get("/api/runs/" + id).then().body("state", equalTo("CANCELLED"));
    List<AuditEntry> entries =
        auditLog.search(AuditQuery.all(AuditQuery.MAX_LIMIT).withRunId(id)).entries().stream()
            .map(StoredEntry::entry)
            .toList();
    assertThat(entries)
        .filteredOn(e -> e.action() == Action.DATA_CONSULTED)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.target().type()).isEqualTo("run-logs"));
    List<AuditEntry> lifecycle =
        entries.stream().filter(e -> e.action() != Action.DATA_CONSULTED).toList();
    assertThat(lifecycle)
        .extracting(AuditEntry::action)
        .containsExactly(
            Action.RUN_REQUESTED, Action.POLICY_DECIDED, Action.RUN_LAUNCHED, Action.RUN_CANCELLED);
    assertThat(lifecycle.get(3).actor().subject()).isEqualTo("sub-owen");
    owen().post("/api/runs/" + id + "/cancel").then().statusCode(409);
    // the log up to the cancellation is stored with it, and served once the runner forgot the run
    assertThat(storedStderr(id)).isEqualTo("started before the cancel\n");
    owen()
        .get("/api/runs/" + id + "/logs")
        .then()
        .statusCode(200)
        .body("stderr", equalTo("started before the cancel\n"));
  }

  @Test
  void aSuspendedVersionIsRefusedWith409AndLeavesNothing() throws Exception {
    String tool = RunToolFixtures.uniqueName("suspended");
    RunToolFixtures.approve(tool, List.of("/usr/bin/true"));
    RunToolFixtures.suspend(tool);
    String input = upload(owen(), calls());

    json(owen(), request(tool, input, "OP-SUSPENDED/2026/1"))
        .post("/api/runs")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("https://capenv.org/problems/tool-version-not-runnable"));
    assertNothingFor("OP-SUSPENDED/2026/1");
  }

  @Test
  void aVersionStillInReviewIsRefusedWith409AndLeavesNothing() throws Exception {
    String tool = RunToolFixtures.uniqueName("in-review");
    RunToolFixtures.submit(tool, List.of("/usr/bin/true"));
    String input = upload(owen(), calls());

    json(owen(), request(tool, input, "OP-IN-REVIEW/2026/1"))
        .post("/api/runs")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    assertNothingFor("OP-IN-REVIEW/2026/1");
  }

  private String storedStderr(String id) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("select stderr from run_log where run_id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("a run_log row for " + id).isTrue();
        return new String(r.getBytes(1), StandardCharsets.UTF_8);
      }
    }
  }

  private void assertNothingFor(String caseReference) throws Exception {
    assertThat(auditLog.search(AuditQuery.all(10).withCaseReference(caseReference)).entries())
        .isEmpty();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select count(*) from tool_run where case_reference = ?")) {
      s.setString(1, caseReference);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertThat(r.getLong(1)).isZero();
      }
    }
  }
}
