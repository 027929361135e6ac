package org.capenv.api.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.stream.Stream;
import org.capenv.api.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class MeResourceTest {

  @Test
  void analystTokenGivesTheCallerIdentity() {
    String token =
        TestTokens.sign(
            TestTokens.user("ana", "norfolk", "analyst", "offline_access")
                .claim("data_scope", "region:eastern"));
    given()
        .auth()
        .oauth2(token)
        .when()
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("ana"))
        .body("subject", equalTo("sub-ana"))
        .body("force", equalTo("norfolk"))
        .body("vetting", equalTo("NPPV2"))
        .body("dataScope", equalTo("region:eastern"))
        .body("roles", containsInAnyOrder("analyst"))
        .body("clientId", equalTo("portal"))
        .body("client", equalTo(false));
  }

  @Test
  void clientCredentialsTokenIsAClientOfItsForce() {
    String token =
        TestTokens.sign(
            TestTokens.client("force-integration-suffolk", "suffolk", "force-integration"));
    given()
        .auth()
        .oauth2(token)
        .when()
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("force", equalTo("suffolk"))
        .body("client", equalTo(true))
        .body("clientId", equalTo("force-integration-suffolk"))
        .body("vetting", equalTo("NONE"))
        .body("roles", containsInAnyOrder("force-integration"));
  }

  @Test
  void noTokenIsA401ProblemNotARedirect() {
    assertUnauthorized(given().redirects().follow(false).when().get("/api/me").then())
        .header("WWW-Authenticate", equalTo("Bearer realm=\"capenv\""));
  }

  static Stream<Arguments> badTokens() {
    String valid = TestTokens.sign(TestTokens.user("ana", "norfolk", "analyst"));
    return Stream.of(
        Arguments.of(
            "wrong issuer",
            TestTokens.sign(TestTokens.user("ana", "norfolk", "analyst").issuer("https://evil"))),
        Arguments.of(
            "wrong audience",
            TestTokens.sign(TestTokens.user("ana", "norfolk", "analyst").audience("other-api"))),
        Arguments.of(
            "expired",
            TestTokens.sign(
                TestTokens.user("ana", "norfolk", "analyst")
                    .issuedAt(System.currentTimeMillis() / 1000 - 600)
                    .expiresAt(System.currentTimeMillis() / 1000 - 300))),
        Arguments.of("altered signature", TestTokens.withAlteredSignature(valid)),
        Arguments.of("alg none", TestTokens.unsigned(valid)),
        Arguments.of("not a JWT", "not-a-token"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void invalidTokenIsA401Problem(String name, String token) {
    assertUnauthorized(
            given().auth().oauth2(token).redirects().follow(false).when().get("/api/me").then())
        .header("WWW-Authenticate", startsWith("Bearer realm=\"capenv\", error=\"invalid_token\""));
  }

  private static ValidatableResponse assertUnauthorized(ValidatableResponse response) {
    return response
        .statusCode(401)
        .contentType("application/problem+json")
        .body("status", equalTo(401))
        .body("title", equalTo("Unauthorized"))
        .body("detail", equalTo("A valid bearer token is required for this resource."))
        .body("instance", equalTo("/api/me"));
  }
}
