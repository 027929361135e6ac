package org.capenv.bench.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.capenv.audit.store.AuditSchema;
import org.postgresql.ds.PGSimpleDataSource;

/** An embedded PostgreSQL with synchronous_commit=on (the default, stated explicitly). */
final class EmbeddedDb implements AutoCloseable {
  final EmbeddedPostgres pg;

  EmbeddedDb() throws IOException, SQLException {
    pg =
        EmbeddedPostgres.builder()
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("max_connections", "300")
            .setServerConfig("shared_buffers", "512MB")
            .start();
  }

  /** A fresh database with the audit schema and a plain baseline table of the same shape. */
  DataSource database(String name) throws SQLException, IOException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/" + name);
    ds.setUser("postgres");
    try (Connection c = ds.getConnection()) {
      AuditSchema.install(c);
      try (Statement s = c.createStatement()) {
        // same columns and indexes, no triggers, no hashing: what a plain audit table costs
        s.execute("CREATE TABLE baseline_entry (LIKE audit_entry INCLUDING ALL)");
      }
    }
    return ds;
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }
}
