package org.capenv.api.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import org.junit.jupiter.api.Test;

/** The catalogue pages, the navigation by role, security headers and error pages. */
@QuarkusTest
class PortalPagesTest {

  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk"),
        @Claim(key = "vetting", value = "NPPV2")
      })
  void analystSeesRunnableToolsAndSearchesThem() {
    given()
        .get("/portal/tools")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("href=\"/portal/tools/miller-cdr-stats/1.0.0\""))
        .body(containsString("BSD-2-Clause"))
        .body(containsString("https://github.com/johnkerl/miller"))
        .body(containsString("OFFICIAL-SENSITIVE"));
    String found =
        given()
            .queryParam("q", "EXIF")
            .get("/portal/tools")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(found).contains("exiftool-image-metadata").doesNotContain("miller-cdr-stats");
    given()
        .queryParam("q", "<script>")
        .get("/portal/tools")
        .then()
        .statusCode(200)
        .body(containsString("&lt;script&gt;"))
        .body(not(containsString("<script>\"")));
  }

  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk")
      })
  void toolPageShowsTheTransparencyRecordAndTheAnalystsNavigation() {
    String page =
        given()
            .get("/portal/tools/miller-cdr-stats/1.0.0")
            .then()
            .statusCode(200)
            .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
            .header("Content-Security-Policy", containsString("default-src 'self'"))
            .header("Referrer-Policy", equalTo("no-referrer"))
            .header("X-Frame-Options", equalTo("DENY"))
            .header("Cache-Control", equalTo("no-store"))
            .extract()
            .asString();
    assertThat(page)
        .contains("Transparency record", "Human oversight", "CAPENV-DPIA-2026-001")
        .contains("href=\"/portal/tools/miller-cdr-stats/1.0.0/run\"")
        .contains("href=\"/portal/runs\"", "href=\"/portal/activity\"", "href=\"/portal/logout\"")
        .doesNotContain("href=\"/portal/audit\"", "href=\"/portal/review\"")
        // no inline script or style: the CSP forbids them
        .doesNotContain("<script>", "style=\"", "<style");
  }

  @Test
  @TestSecurity(user = "sub-audrey", roles = "auditor")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-audrey"),
        @Claim(key = "preferred_username", value = "audrey"),
        @Claim(key = "force", value = "norfolk")
      })
  void auditorSeesTheAuditLinkAndNoRunsOrRunForm() {
    String page = given().get("/portal").then().statusCode(200).extract().asString();
    assertThat(page)
        .contains("href=\"/portal/audit\"", "href=\"/portal/activity\"")
        .doesNotContain("href=\"/portal/runs\"");
    given().get("/portal/runs").then().statusCode(403).contentType(containsString("text/html"));
    given()
        .get("/portal/tools/miller-cdr-stats/1.0.0/run")
        .then()
        .statusCode(403)
        .contentType(containsString("text/html"))
        .body(not(containsString("\"status\"")));
  }

  @Test
  @TestSecurity(user = "sub-rita", roles = "reviewer-ethics")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-rita"),
        @Claim(key = "preferred_username", value = "rita"),
        @Claim(key = "force", value = "suffolk")
      })
  void reviewerSeesTheInbox() {
    assertThat(given().get("/portal").then().statusCode(200).extract().asString())
        .contains("href=\"/portal/review\"")
        .doesNotContain("href=\"/portal/audit\"");
    given().get("/portal/review").then().statusCode(200).body(containsString("Review inbox"));
  }

  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk")
      })
  void errorsArePagesNotProblemJson() {
    given()
        .get("/portal/tools/no-such-tool/1.0.0")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("Page not found"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    given()
        .get("/portal/no-such-page")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"))
        .body(containsString("Page not found"));
    given()
        .get("/portal/tools/BAD..NAME/1.0.0")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(not(containsString("Exception")));
  }
}
