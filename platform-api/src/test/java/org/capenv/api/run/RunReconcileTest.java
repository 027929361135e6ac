package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.capenv.api.run.service.RunCompletion;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.junit.jupiter.api.Test;

/**
 * Start-up reconciliation: a run recorded as RUNNING whose sandbox the runner does not know (as
 * after a crash that lost the runner's state) is ended FAILED, with its entry, never left hanging.
 */
@QuarkusTest
class RunReconcileTest {
  @Inject RunCompletion completion;
  @Inject AgroalDataSource dataSource;
  @Inject PostgresAuditStore auditLog;

  @Test
  void aRunUnknownToTheRunnerIsEndedFailedAndAudited() throws Exception {
    String id = UUID.randomUUID().toString();
    insertRunning(id);

    assertThat(completion.reconcile()).isGreaterThanOrEqualTo(1);

    assertThat(state(id)).isEqualTo("FAILED");
    assertThat(auditLog.search(AuditQuery.all(10).withRunId(id)).entries())
        .map(StoredEntry::entry)
        .singleElement()
        .satisfies(
            (AuditEntry e) -> {
              assertThat(e.action()).isEqualTo(Action.RUN_FAILED);
              assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
              assertThat(e.details()).containsEntry("reason", "UnknownToRunner");
              assertThat(e.actor().subject()).isEqualTo("system:runner");
            });
    // a second pass finds nothing more to do for it
    completion.reconcile();
    assertThat(auditLog.search(AuditQuery.all(10).withRunId(id)).entries()).hasSize(1);
  }

  private void insertRunning(String id) throws Exception {
    String sql =
        "insert into tool_run (id, state, tool_name, tool_version, image, manifest_digest,"
            + " success_exit_codes, parameters, parameters_digest, inputs, purpose,"
            + " case_reference, classification, owner_subject, force, policy_digest,"
            + " policy_rules, policy_messages, request_digest, created_at, updated_at)"
            + " values (?, 'RUNNING', 'miller-cdr-stats', '1.0.0',"
            + " 'registry.example/x@sha256:' || repeat('0', 64), 'sha256:' || repeat('0', 64),"
            + " '0', '{}', repeat('1', 64), '[]', 'reconcile test', 'OP-RECONCILE', 'OFFICIAL',"
            + " 'sub-rita', 'norfolk', 'sha256:' || repeat('2', 64), '[]', '[]', repeat('3', 64),"
            + " now(), now())";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      s.executeUpdate();
    }
  }

  private String state(String id) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("select state from tool_run where id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }
}
