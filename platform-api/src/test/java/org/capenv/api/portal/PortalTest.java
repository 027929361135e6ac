package org.capenv.api.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PortalTest {

  @Test
  void rootRedirectsToThePortal() {
    given()
        .redirects()
        .follow(false)
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal"));
  }

  @Test
  void portalWithoutSessionStartsTheCodeFlowWithPkce() {
    given()
        .redirects()
        .follow(false)
        .get("/portal")
        .then()
        .statusCode(302)
        .header(
            "Location",
            allOf(
                containsString("/realms/quarkus"),
                containsString("response_type=code"),
                containsString("client_id=portal"),
                containsString("code_challenge_method=S256"),
                matchesPattern(".*code_challenge=[A-Za-z0-9_-]{43}.*")));
  }

  @Test
  void portalPagesCarrySecurityHeaders() {
    given()
        .get("/portal/signed-out")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("You have signed out"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("Content-Security-Policy", containsString("default-src 'self'"))
        .header("Referrer-Policy", equalTo("no-referrer"))
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("Cache-Control", equalTo("no-store"));
  }
}
