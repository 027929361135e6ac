package org.capenv.audit.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real embedded PostgreSQL for the whole test run (started on first use, stopped when the run
 * ends); each test class that asks for a {@link TestDatabase} gets a fresh database with the audit
 * schema installed by the superuser and an application login role that is only a member of {@code
 * capenv_audit_writer}.
 */
public final class PostgresExtension implements ParameterResolver {
  static final String APP_ROLE = "capenv_app";
  static final String APP_PASSWORD = "app-secret";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static final class Server implements ExtensionContext.Store.CloseableResource {
    final EmbeddedPostgres pg;

    Server() throws IOException, SQLException {
      pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
      }
    }

    @Override
    public void close() throws IOException {
      pg.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == PostgresExtension.TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Server server =
        e.getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(
                Server.class,
                k -> {
                  try {
                    return new Server();
                  } catch (IOException | SQLException ex) {
                    throw new IllegalStateException("embedded PostgreSQL did not start", ex);
                  }
                },
                Server.class);
    String name = "audit_" + DATABASES.incrementAndGet();
    try (Connection c = server.pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException ex) {
      throw new IllegalStateException(ex);
    }
    TestDatabase db = new TestDatabase(server.pg.getPort(), name);
    try (Connection c = db.superuser().getConnection()) {
      AuditSchema.install(c);
      try (Statement s = c.createStatement()) {
        s.execute("GRANT capenv_audit_writer TO " + APP_ROLE);
        s.execute("GRANT CONNECT ON DATABASE " + name + " TO " + APP_ROLE);
      }
    } catch (SQLException | IOException ex) {
      throw new IllegalStateException(ex);
    }
    return db;
  }

  /** A database of the shared server. */
  public record TestDatabase(int port, String name) {
    public String url() {
      return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    public PGSimpleDataSource superuser() {
      return dataSource("postgres", "postgres");
    }

    public PGSimpleDataSource app() {
      return dataSource(APP_ROLE, APP_PASSWORD);
    }

    private PGSimpleDataSource dataSource(String user, String password) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(url());
      ds.setUser(user);
      ds.setPassword(password);
      return ds;
    }
  }
}
