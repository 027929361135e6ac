package org.capenv.api.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real Keycloak distribution (unpacked by Maven into {@code target/}), started in dev mode with
 * the repository's realm and, derived from it, what the tests need: clients that use the password
 * grant (with and without the API audience, and with a 10-second token lifespan), and a second
 * realm that is a different issuer with different keys.
 */
public final class KeycloakServer implements AutoCloseable {
  public static final String REALM = "capenv";
  static final String OTHER_REALM = "capenv-other";
  public static final String DIRECT_CLIENT = "e2e-direct";
  static final String NO_AUDIENCE_CLIENT = "e2e-no-audience";
  static final String SHORT_LIVED_CLIENT = "e2e-short-lived";
  static final int SHORT_LIFESPAN_SECONDS = 10;

  /**
   * Generous: a fresh unzip spends 1-2 minutes in a one-off build step, and a loaded 2-core CI
   * machine has been seen to take over 4 minutes in total. Only a failing start waits this long.
   */
  private static final Duration KEYCLOAK_READY_TIMEOUT = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final int port;

  private KeycloakServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts Keycloak on a free loopback port; the portal client may redirect to {@code
   * platformPort}.
   */
  static KeycloakServer start(Path home, Path realmFile, int platformPort, Path workDir)
      throws IOException {
    if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException("no Keycloak distribution at " + home);
    }
    int port = Processes.freePort();
    int managementPort = Processes.freePort();
    Path imports = home.resolve("data/import");
    Files.createDirectories(imports);
    try (var old = Files.list(imports)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    ObjectNode realm = (ObjectNode) JSON.readTree(realmFile.toFile());
    String platform = "http://localhost:" + platformPort + "/*";
    for (var client : realm.withArray("clients")) {
      if (client.path("clientId").asText().equals("portal")) {
        ((ObjectNode) client).set("redirectUris", JSON.createArrayNode().add(platform));
        ((ObjectNode) client.get("attributes")).put("post.logout.redirect.uris", platform);
      }
    }
    addTestClients(realm);
    addTestUsers(realm);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(imports.resolve("capenv-realm.json").toFile(), realm);
    ObjectNode other = realm.deepCopy();
    other.put("realm", OTHER_REALM);
    JSON.writeValue(imports.resolve("capenv-other-realm.json").toFile(), other);

    Path log = workDir.resolve("keycloak.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--http-management-port=" + managementPort,
                    "--hostname=http://localhost:" + port,
                    "--db=dev-mem",
                    "--import-realm"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
    Process process = builder.start();
    KeycloakServer server = new KeycloakServer(process, port);
    try {
      for (String name : List.of(REALM, OTHER_REALM)) {
        Processes.awaitHttpOk(
            process,
            URI.create(server.realmUrl(name) + "/.well-known/openid-configuration"),
            KEYCLOAK_READY_TIMEOUT,
            log);
      }
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static void addTestClients(ObjectNode realm) {
    ArrayNode clients = realm.withArray("clients");
    ObjectNode portal = null;
    for (var client : clients) {
      if (client.path("clientId").asText().equals("portal")) {
        portal = (ObjectNode) client;
      }
    }
    ArrayNode mappers = (ArrayNode) portal.get("protocolMappers");
    ArrayNode withoutAudience = JSON.createArrayNode();
    for (var mapper : mappers) {
      if (!mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
        withoutAudience.add(mapper);
      }
    }
    clients.add(directGrantClient(DIRECT_CLIENT, mappers));
    clients.add(directGrantClient(NO_AUDIENCE_CLIENT, withoutAudience));
    ObjectNode shortLived = directGrantClient(SHORT_LIVED_CLIENT, mappers);
    shortLived
        .putObject("attributes")
        .put("access.token.lifespan", String.valueOf(SHORT_LIFESPAN_SECONDS));
    clients.add(shortLived);
  }

  /** A steward who is also a reviewer: the four-eyes rule must stop them approving their own. */
  private static void addTestUsers(ObjectNode realm) {
    ObjectNode user = realm.withArray("users").addObject();
    user.put("username", E2eStack.STEWARD_REVIEWER);
    user.put("enabled", true);
    user.put("emailVerified", true);
    user.put("firstName", "Pat");
    user.put("lastName", "Steward");
    user.put("email", "steward.reviewer@example.police.uk");
    ObjectNode attributes = user.putObject("attributes");
    attributes.putArray("force").add("norfolk");
    attributes.putArray("vetting").add("NPPV3");
    attributes.putArray("data_scope").add("force");
    user.putArray("credentials")
        .addObject()
        .put("type", "password")
        .put("value", "demo")
        .put("temporary", false);
    user.putArray("realmRoles").add("tool-steward").add("reviewer-security");
  }

  private static ObjectNode directGrantClient(String clientId, ArrayNode mappers) {
    ObjectNode client = JSON.createObjectNode();
    client.put("clientId", clientId);
    client.put("enabled", true);
    client.put("publicClient", true);
    client.put("standardFlowEnabled", false);
    client.put("directAccessGrantsEnabled", true);
    client.set("protocolMappers", mappers.deepCopy());
    return client;
  }

  public String realmUrl(String realm) {
    return "http://localhost:" + port + "/realms/" + realm;
  }

  String tokenUrl(String realm) {
    return realmUrl(realm) + "/protocol/openid-connect/token";
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
