package org.capenv.api.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.capenv.api.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real Keycloak tokens against the packaged platform: which are accepted, which are refused. */
@ExtendWith(E2eStack.class)
class TokenValidationIT {

  private static ValidatableResponse me(String token) {
    return given()
        .baseUri(E2eStack.platform().url())
        .auth()
        .oauth2(token)
        .redirects()
        .follow(false)
        .get("/api/me")
        .then();
  }

  private static String analystToken() {
    return KeycloakTokens.password(
        KeycloakServer.REALM, KeycloakServer.DIRECT_CLIENT, "norfolk.analyst");
  }

  private static void assertProblem(ValidatableResponse response, int status) {
    response
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status));
  }

  @Test
  void passwordGrantTokenOfAnAnalystIsAccepted() {
    me(analystToken())
        .statusCode(200)
        .body("username", equalTo("norfolk.analyst"))
        .body("force", equalTo("norfolk"))
        .body("vetting", equalTo("NPPV2"))
        .body("dataScope", equalTo("force"))
        .body("roles", hasItem("analyst"))
        .body("roles", not(hasItem("default-roles-capenv")))
        .body("client", equalTo(false));
  }

  @Test
  void regionalUserCarriesTheirDataScope() {
    String token =
        KeycloakTokens.password(
            KeycloakServer.REALM, KeycloakServer.DIRECT_CLIENT, "eastern.analyst");
    me(token).statusCode(200).body("dataScope", equalTo("region:eastern"));
  }

  @Test
  void clientCredentialsTokenOfEachForceIsAcceptedWithItsForce() {
    for (String force : new String[] {"norfolk", "suffolk"}) {
      String clientId = "force-integration-" + force;
      String token = KeycloakTokens.clientCredentials(clientId, "demo-" + force + "-secret");
      me(token)
          .statusCode(200)
          .body("force", equalTo(force))
          .body("client", equalTo(true))
          .body("clientId", equalTo(clientId))
          .body("vetting", equalTo("NPPV2"))
          .body("roles", hasItem("force-integration"));
    }
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    String token =
        KeycloakTokens.password(
            KeycloakServer.OTHER_REALM, KeycloakServer.DIRECT_CLIENT, "norfolk.analyst");
    assertProblem(me(token), 401);
  }

  @Test
  void tokenWithoutTheApiAudienceIsRefused() throws IOException {
    String token =
        KeycloakTokens.password(
            KeycloakServer.REALM, KeycloakServer.NO_AUDIENCE_CLIENT, "norfolk.analyst");
    assertThat(KeycloakTokens.payload(token).path("aud").toString()).doesNotContain("capenv-api");
    assertProblem(me(token), 401);
  }

  @Test
  void tokenWithAnAlteredSignatureIsRefused() {
    assertProblem(me(TestTokens.withAlteredSignature(analystToken())), 401);
  }

  @Test
  void unsignedTokenIsRefused() {
    assertProblem(me(TestTokens.unsigned(analystToken())), 401);
  }

  @Test
  void expiredTokenIsRefused() throws IOException {
    String token =
        KeycloakTokens.password(
            KeycloakServer.REALM, KeycloakServer.SHORT_LIVED_CLIENT, "norfolk.analyst");
    JsonNode claims = KeycloakTokens.payload(token);
    Instant expiry = Instant.ofEpochSecond(claims.get("exp").asLong());
    assertThat(expiry)
        .isBefore(Instant.now().plusSeconds(KeycloakServer.SHORT_LIFESPAN_SECONDS + 1));
    // the same token is good while it lasts, so expiry is the only reason for the refusal below
    me(token).statusCode(200);
    Processes.sleep(Duration.between(Instant.now(), expiry).plusSeconds(2));
    assertProblem(me(token), 401);
  }

  @Test
  void validTokenWithoutTheRoleIsForbidden() {
    ValidatableResponse response =
        given()
            .baseUri(E2eStack.platform().url())
            .auth()
            .oauth2(analystToken())
            .get("/api/admin/config")
            .then();
    assertProblem(response, 403);
  }

  @Test
  void platformAdminHasTheRole() {
    String token =
        KeycloakTokens.password(
            KeycloakServer.REALM, KeycloakServer.DIRECT_CLIENT, "platform.admin");
    given()
        .baseUri(E2eStack.platform().url())
        .auth()
        .oauth2(token)
        .get("/api/admin/config")
        .then()
        .statusCode(200)
        .body("runner.type", equalTo("local"));
  }

  /**
   * The packaged platform starts through its own main class, which hands the URL check from Quarkus
   * (an empty 400) to the platform: a bad percent escape is a problem here too.
   */
  @Test
  void aMalformedUrlIsAProblemFromThePackagedPlatform() throws IOException {
    URI base = URI.create(E2eStack.platform().url());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String request =
          "GET /api/me?x=%zz HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + analystToken()
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response)
          .startsWith("HTTP/1.1 400")
          .containsIgnoringCase("content-type: application/problem+json")
          .contains("\"type\":\"https://capenv.org/problems/malformed-url\"")
          .contains("\"field\":\"query.x\"");
    }
  }
}
