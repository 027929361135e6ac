package org.capenv.audit.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The audit schema migrations, shipped as Flyway-compatible resources under {@code db/audit/}. The
 * platform applies them with Flyway; tools, tests and benchmarks without Flyway apply them here.
 */
public final class AuditSchema {
  /** Migration resources in order. */
  public static final List<String> MIGRATIONS = List.of("db/audit/V1__audit_log.sql");

  private AuditSchema() {}

  /** Applies every migration on {@code c} (as the schema owner) in one transaction. */
  public static void install(Connection c) throws SQLException, IOException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String m : MIGRATIONS) {
        s.execute(read(m));
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = AuditSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("migration resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
