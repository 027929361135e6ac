package org.capenv.api.staging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.capenv.api.run.kubernetes.ClusterSimulator;
import org.capenv.api.run.kubernetes.KubernetesRunnerProfile;
import org.junit.jupiter.api.Test;

/**
 * The staging API lives on the HTTPS listener alone, and that listener serves nothing else: a tool
 * pod (which may reach only that port) never reaches the user API, the portal or the probes, and a
 * staging token is never sent over the plain port.
 */
@QuarkusTest
@TestProfile(KubernetesRunnerProfile.class)
class StagingListenerTest {
  private static final String PROBLEM = "application/problem+json";
  private static final String RUN = "/staging/runs/0c1d2e3f-4a5b-4c6d-8e7f-001122334455";

  @Test
  void theHttpsListenerServesTheStagingApi() {
    // reaches the staging API itself, which asks for its token
    ClusterSimulator.staging()
        .get(RUN + "/inputs/records")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("capenv-staging"))
        .contentType(PROBLEM);
  }

  @Test
  void thePlainListenerRefusesTheStagingApiHoweverThePathIsSpelt() {
    for (String path :
        new String[] {
          RUN + "/inputs/records", "/%73taging/runs/x/inputs/records", "/api/../staging/runs/x"
        }) {
      given()
          .urlEncodingEnabled(false)
          .auth()
          .oauth2("A".repeat(43))
          .get(path)
          .then()
          .statusCode(404)
          .contentType(PROBLEM)
          .body(
              "detail",
              equalTo("the staging API is served only on the platform's HTTPS staging port"));
    }
    given()
        .auth()
        .oauth2("A".repeat(43))
        .contentType("application/octet-stream")
        .body("x".getBytes())
        .put(RUN + "/outputs/summary")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void theHttpsListenerServesNothingButStaging() {
    for (String path :
        new String[] {"/api/runs", "/portal", "/q/health/ready", "/q/openapi", "/", "/stagingx"}) {
      ClusterSimulator.staging()
          .get(path)
          .then()
          .statusCode(404)
          .contentType(PROBLEM)
          .body("detail", equalTo("this port serves only the staging API"));
    }
  }

  @Test
  void thePlainListenerStillServesTheApiAndTheProbes() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/api/runs").then().statusCode(401);
  }
}
