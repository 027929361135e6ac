package org.capenv.api.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.capenv.audit.note.NoteSigner;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The end-to-end stack, started once for the whole failsafe run and shared by every {@code *IT}: a
 * real embedded PostgreSQL 17, the real Keycloak distribution and the packaged platform. It is
 * stopped when JUnit closes its root store at the end of the run.
 */
public final class E2eStack implements BeforeAllCallback {
  private static final String APP_ROLE = "capenv_app";
  private static final String APP_PASSWORD = "e2e-app-password";

  /** A demo user added for the tests: a tool steward who is also a security reviewer. */
  public static final String STEWARD_REVIEWER = "e2e.steward-reviewer";

  private static Running running;

  /** The started servers. */
  record Running(EmbeddedPostgres postgres, KeycloakServer keycloak, PlatformServer platform)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      // the platform first, so that it does not log connection errors for the others
      try {
        platform.close();
        keycloak.close();
      } finally {
        postgres.close();
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    synchronized (E2eStack.class) {
      if (running == null) {
        running = start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(E2eStack.class, running);
      }
    }
  }

  public static KeycloakServer keycloak() {
    return running.keycloak();
  }

  public static PlatformServer platform() {
    return running.platform();
  }

  /** The base URL of the started platform, for tests outside this package. */
  public static String platformUrl() {
    return running.platform().url();
  }

  /** A login role in the platform's group role, created before the first migration runs. */
  private static void createApplicationRole(EmbeddedPostgres postgres) throws IOException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE capenv_platform NOLOGIN");
      s.execute(
          "CREATE ROLE "
              + APP_ROLE
              + " LOGIN PASSWORD '"
              + APP_PASSWORD
              + "' IN ROLE capenv_platform");
    } catch (SQLException e) {
      throw new IOException("cannot create the application's database role", e);
    }
  }

  private static Running start() throws IOException {
    Path workDir = Path.of("target", "e2e");
    Files.createDirectories(workDir);
    Path keycloakHome = Path.of(System.getProperty("capenv.keycloak.home"));
    Path realmFile = Path.of(System.getProperty("capenv.realm.file"));
    Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");

    int platformPort = Processes.freePort();
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    KeycloakServer keycloak = null;
    try {
      keycloak = KeycloakServer.start(keycloakHome, realmFile, platformPort, workDir);
      createApplicationRole(postgres);
      String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
      Map<String, String> config =
          new HashMap<>(
              Map.of(
                  "quarkus.datasource.jdbc.url",
                  jdbcUrl,
                  // as in production: the replicas log in as a role that owns nothing and may only
                  // INSERT and SELECT audit rows; migrations run as the schema owner
                  "quarkus.datasource.username",
                  APP_ROLE,
                  "quarkus.datasource.password",
                  APP_PASSWORD,
                  "quarkus.flyway.username",
                  "postgres",
                  // embedded PostgreSQL trusts local connections; Quarkus uses the owner's
                  // credentials
                  // for the migrations only when both are set
                  "quarkus.flyway.password",
                  "postgres",
                  "capenv.audit.origin",
                  "e2e.capenv.test/audit",
                  "capenv.audit.signing-key",
                  NoteSigner.generate("e2e.capenv.test/audit").signerKeyText(),
                  "quarkus.oidc.auth-server-url",
                  keycloak.realmUrl(KeycloakServer.REALM),
                  "quarkus.oidc.portal.authentication.state-secret",
                  "e2e-state-secret-e2e-state-secret-e2e-0123",
                  "quarkus.oidc.portal.token-state-manager.encryption-secret",
                  "e2e-session-secret-e2e-session-secret-e2e-01"));
      // runs, uploads and outputs of the local sandbox stay in the build folder
      config.put("capenv.state-dir", workDir.resolve("state").toAbsolutePath().toString());
      // the shipped access policies decide the runs, as in a real deployment
      config.put(
          "capenv.policies.dir",
          Path.of("..", "policies", "access").toAbsolutePath().normalize().toString());
      PlatformServer platform = PlatformServer.start(jar, platformPort, config, workDir);
      return new Running(postgres, keycloak, platform);
    } catch (IOException | RuntimeException e) {
      if (keycloak != null) {
        keycloak.close();
      }
      postgres.close();
      throw e;
    }
  }
}
