package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.analystA;
import static org.capenv.api.run.RunFixtures.awaitState;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.completedRun;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.capenv.api.run.service.LaunchDispatcher;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.junit.jupiter.api.Test;

/**
 * The split between accepting a run and launching it (ADR 0063): a full launch queue refuses a
 * submission before anything is written, and a run recorded but never launched (as when the
 * platform stopped with it queued) is launched by the recovery pass and completes in order.
 */
@QuarkusTest
class RunLaunchQueueTest {
  @Inject LaunchDispatcher launches;
  @Inject AgroalDataSource dataSource;
  @Inject PostgresAuditStore auditLog;

  @Test
  void aFullLaunchQueueRefusesWith503AndRetryAfterBeforeAnythingIsWritten() throws Exception {
    String input = upload(analystA(), calls());
    Map<String, Object> request = millerRequest(input);
    request.put("caseReference", "OP-QUEUE-FULL/2026/1");
    int reserved = 0;
    try {
      while (launches.reserve()) {
        reserved++;
      }
      json(analystA(), request)
          .header("Idempotency-Key", "queue-full-1")
          .post("/api/runs")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", "2")
          .body("type", equalTo("https://capenv.org/problems/launch-queue-full"));
    } finally {
      for (int i = 0; i < reserved; i++) {
        launches.release();
      }
    }
    assertThat(count("select count(*) from tool_run where case_reference = 'OP-QUEUE-FULL/2026/1'"))
        .isZero();
    assertThat(auditLog.search(AuditQuery.all(10).withCaseReference("OP-QUEUE-FULL/2026/1")))
        .satisfies(page -> assertThat(page.entries()).isEmpty());

    // with room again, the same request (same key) is accepted: the refusal kept nothing of it
    json(analystA(), request)
        .header("Idempotency-Key", "queue-full-1")
        .post("/api/runs")
        .then()
        .statusCode(202)
        .body("state", equalTo("PENDING"));
  }

  @Test
  void aRunRecordedButNeverLaunchedIsLaunchedByRecoveryAndEndsInOrder() throws Exception {
    String template =
        completedRun(RunFixtures::analystA, millerRequest(upload(analystA(), calls())));
    String id = UUID.randomUUID().toString();
    copyAsPending(template, id);

    assertThat(launches.recover()).isGreaterThanOrEqualTo(1);
    awaitState(RunFixtures::analystA, id, "COMPLETED");

    List<AuditEntry> entries =
        auditLog.search(AuditQuery.all(10).withRunId(id)).entries().stream()
            .map(StoredEntry::entry)
            .toList();
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly(Action.RUN_LAUNCHED, Action.RUN_COMPLETED);
    assertThat(entries.get(0).actor().subject()).isEqualTo("system:launcher");
    // a second pass finds it launched: nothing is queued or recorded twice
    launches.recover();
    assertThat(auditLog.search(AuditQuery.all(10).withRunId(id)).entries()).hasSize(2);
  }

  @Test
  void anExhaustedConnectionPoolIsA503WithRetryAfterAndNothingWritten() throws Exception {
    String input = upload(analystA(), calls());
    Map<String, Object> request = millerRequest(input);
    request.put("caseReference", "OP-POOL-DRY/2026/1");
    int size = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
    List<Connection> held = new ArrayList<>();
    try {
      // take every connection the pool will give; one held elsewhere ends the loop by timing out
      try {
        while (held.size() < size) {
          held.add(dataSource.getConnection());
        }
      } catch (SQLException poolDry) {
        assertThat(held).isNotEmpty();
      }
      json(analystA(), request)
          .post("/api/runs")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", "2")
          .body("type", equalTo("https://capenv.org/problems/busy"));
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
    assertThat(count("select count(*) from tool_run where case_reference = 'OP-POOL-DRY/2026/1'"))
        .isZero();
  }

  /** The row of a finished run copied under a new id as PENDING, as a crash would leave it. */
  private void copyAsPending(String template, String id) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "create temporary table pending_copy on commit drop as"
                  + " select * from tool_run where id = ?")) {
        c.setAutoCommit(false);
        s.setString(1, template);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "update pending_copy set id = ?, state = 'PENDING', outputs = '[]',"
                  + " idempotency_key = null, exit_code = null, reason = null, message = null,"
                  + " launched_at = null, finished_at = null, row_version = 0")) {
        s.setString(1, id);
        s.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into tool_run select * from pending_copy");
      }
      c.commit();
    }
  }

  private long count(String query) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(query);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
