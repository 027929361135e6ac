package org.capenv.api.audit.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import org.capenv.audit.store.AppendOnlyCheck;
import org.jboss.logging.Logger;

/**
 * Refuses to start a production platform whose database role could change or remove audit rows: the
 * triggers stop honest mistakes, but only missing privileges stop a compromised application. Local
 * use and tests run as the database owner and are only warned.
 */
@ApplicationScoped
public class AuditStartupCheck {
  private static final Logger LOG = Logger.getLogger(AuditStartupCheck.class);

  void check(@Observes @Priority(1) StartupEvent event, AgroalDataSource dataSource)
      throws SQLException {
    AppendOnlyCheck.Report report;
    try (Connection connection = dataSource.getConnection()) {
      report = AppendOnlyCheck.check(connection);
    }
    if (report.appendOnly()) {
      return;
    }
    String problems = String.join("; ", report.problems());
    if (AuditLogProducer.localKeyAllowed()) {
      LOG.warnf(
          "audit log is not append-only for role %s (allowed locally): %s",
          report.role(), problems);
      return;
    }
    throw new IllegalStateException(
        "refusing to start: the database role "
            + report.role()
            + " can alter the audit log ("
            + problems
            + "); run the platform as a role with INSERT and SELECT only (docs/configuration.md)");
  }
}
