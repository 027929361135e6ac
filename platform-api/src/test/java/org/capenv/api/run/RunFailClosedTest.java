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
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
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

  @Inject AgroalDataSource dataSource;
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
