package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.as;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.capenv.api.run.service.RunRecorder;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.junit.jupiter.api.Test;

/**
 * Fail closed: when the audit log cannot take an entry, the action does not happen. The audit store
 * is made unavailable at the database, for this test's caller only, by a trigger that refuses any
 * audit row whose actor is {@code sub-fay} (the same refusal the log's own append-only triggers
 * raise); the trigger is dropped in {@code finally}, so the application other test classes share is
 * never disturbed and no other caller's entries are affected while it exists.
 */
@QuarkusTest
class RunFailClosedTest {
  private static final String BLOCK =
      "create trigger run_fail_closed_test_block before insert on audit_entry for each row"
          + " when (new.actor_subject = 'sub-fay') execute function audit_refuse_change()";
  private static final String UNBLOCK =
      "drop trigger if exists run_fail_closed_test_block on audit_entry";

  /** The audit log's head lock (the audit module's {@code Appender.HEAD_LOCK}). */
  private static final long HEAD_LOCK = 0x6361_7065_6e76_4175L;

  private static final String WAITING_FOR_LOCK =
      "select count(*) from pg_locks where locktype = 'advisory' and not granted";
  private static final String SHARED = "OP-SHARED-COMMIT/2026/";

  @Inject AgroalDataSource dataSource;
  @Inject RunRecorder recorder;
  @Inject PostgresAuditStore auditLog;

  private static RequestSpecification fay() {
    return as("fay", "norfolk", "analyst");
  }

  @Test
  void withTheAuditLogUnavailableNoRunStartsNoUploadIsKeptAndTheAnswerIs503() throws Exception {
    // uploaded while the log still works: the run request is what meets the unavailable log
    String input = upload(fay(), calls());
    Map<String, Object> request = millerRequest(input);
    request.put("caseReference", "OP-FAIL-CLOSED/2026/1");
    sql(BLOCK);
    try {
      json(fay(), request)
          .post("/api/runs")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .body("type", equalTo("https://capenv.org/problems/audit-unavailable"));
      fay()
          .contentType("text/csv")
          .body("a,b\n9,9\n".getBytes(StandardCharsets.UTF_8))
          .post("/api/blobs")
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .body("type", equalTo("https://capenv.org/problems/audit-unavailable"));
    } finally {
      sql(UNBLOCK);
    }
    assertThat(count("select count(*) from tool_run where owner_subject = 'sub-fay'")).isZero();
    assertThat(
            count(
                "select count(*) from blob where uploader_subject = 'sub-fay'"
                    + " and size_bytes = 8"))
        .isZero();
    assertThat(auditLog.search(AuditQuery.all(10).withCaseReference("OP-FAIL-CLOSED/2026/1")))
        .satisfies(page -> assertThat(page.entries()).isEmpty());
    assertThat(count("select count(*) from audit_entry where actor_subject = 'sub-fay'"))
        .as("only the upload made before the block")
        .isEqualTo(1);

    // with the log back, the same request is accepted: the refusal was the log's, not the request's
    json(fay(), request).post("/api/runs").then().statusCode(202);
  }

  @Test
  void aRunRefusedByTheLogAmongConcurrentSubmissionsFailsAloneAndTheOthersAreAccepted()
      throws Exception {
    // accepted runs waiting together share a transaction (ADR 0097): fay's refused entries must
    // cost only fay's run, and nothing of it may be written with the others'
    String fayInput = upload(fay(), calls());
    String gusInput = upload(gus(), calls());
    Map<String, Object> fayRequest = millerRequest(fayInput);
    fayRequest.put("caseReference", "OP-FAIL-CLOSED/2026/2");
    ExecutorService clients = Executors.newFixedThreadPool(6);
    List<Future<ExtractableResponse<Response>>> gus = new ArrayList<>();
    Future<ExtractableResponse<Response>> fay;
    sql(BLOCK);
    try (Connection head = dataSource.getConnection()) {
      // the test holds the log's head lock: the recorder's first batch (one of gus's runs) waits
      // for it, and the next submissions gather behind it into one batch, fay's among them
      head.setAutoCommit(false);
      try (Statement s = head.createStatement()) {
        s.execute("select pg_advisory_xact_lock(" + HEAD_LOCK + ")");
      }
      gus.add(clients.submit(() -> submit(gus(), gusInput, 0)));
      awaitTrue(() -> recorder.waiting() == 0 && count(WAITING_FOR_LOCK) > 0);
      fay = clients.submit(() -> json(fay(), fayRequest).post("/api/runs").then().extract());
      for (int i = 1; i < 5; i++) {
        int n = i;
        gus.add(clients.submit(() -> submit(gus(), gusInput, n)));
      }
      awaitTrue(() -> recorder.waiting() == 5);
      head.rollback();

      ExtractableResponse<Response> refused = fay.get(60, TimeUnit.SECONDS);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.jsonPath().getString("type"))
          .isEqualTo("https://capenv.org/problems/audit-unavailable");
      for (Future<ExtractableResponse<Response>> accepted : gus) {
        assertThat(accepted.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
      }
    } finally {
      sql(UNBLOCK);
      clients.shutdownNow();
    }
    assertThat(
            count(
                "select count(*) from tool_run where owner_subject = 'sub-fay'"
                    + " and case_reference = 'OP-FAIL-CLOSED/2026/2'"))
        .isZero();
    assertThat(auditLog.search(AuditQuery.all(10).withCaseReference("OP-FAIL-CLOSED/2026/2")))
        .satisfies(page -> assertThat(page.entries()).isEmpty());
    for (int i = 0; i < 5; i++) {
      String reference = SHARED + i;
      assertThat(
              count(
                  "select count(*) from tool_run where owner_subject = 'sub-gus'"
                      + " and case_reference = '"
                      + reference
                      + "'"))
          .isEqualTo(1);
      assertThat(auditLog.search(AuditQuery.all(10).withCaseReference(reference)).entries())
          .extracting(e -> e.entry().action().code())
          .contains("run.requested", "policy.decided");
    }
  }

  private static RequestSpecification gus() {
    return as("gus", "norfolk", "analyst");
  }

  private static ExtractableResponse<Response> submit(
      RequestSpecification caller, String input, int n) {
    Map<String, Object> request = millerRequest(input);
    request.put("caseReference", SHARED + n);
    return json(caller, request).post("/api/runs").then().extract();
  }

  private static void awaitTrue(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
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
