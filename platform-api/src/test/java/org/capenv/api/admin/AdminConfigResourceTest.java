package org.capenv.api.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.capenv.api.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminConfigResourceTest {

  @Test
  void platformAdminSeesConfigurationAndThisLiveInstance() {
    String token = TestTokens.sign(TestTokens.user("pat", "norfolk", "platform-admin"));
    String thisInstance =
        given()
            .auth()
            .oauth2(token)
            .when()
            .get("/api/admin/config")
            .then()
            .statusCode(200)
            .body("runner.type", equalTo("local"))
            .body("runner.namespace", equalTo("capenv-tools"))
            .body("runner.serviceAccount", equalTo("capenv-tool"))
            .body("audit.signingKeyConfigured", equalTo(false))
            .extract()
            .path("thisInstance");
    given()
        .auth()
        .oauth2(token)
        .when()
        .get("/api/admin/config")
        .then()
        .body("instances.id", hasItem(thisInstance));
  }

  @Test
  void analystIsForbiddenWithAProblem() {
    String token = TestTokens.sign(TestTokens.user("ana", "norfolk", "analyst"));
    given()
        .auth()
        .oauth2(token)
        .when()
        .get("/api/admin/config")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403))
        .body("title", equalTo("Forbidden"))
        .body("instance", equalTo("/api/admin/config"))
        .body(not(containsString("Exception")));
  }

  @Test
  void roleOfAnotherKindDoesNotGrantAdministration() {
    String token =
        TestTokens.sign(
            TestTokens.client("force-integration-norfolk", "norfolk", "force-integration"));
    given().auth().oauth2(token).when().get("/api/admin/config").then().statusCode(403);
  }
}
