package org.capenv.api.run;

import static io.restassured.RestAssured.given;
import static org.capenv.api.run.RunFixtures.analystA;
import static org.capenv.api.run.RunFixtures.as;
import static org.capenv.api.run.RunFixtures.asClient;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.capenv.api.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may see and act on analyst A's completed run, endpoint by endpoint: allowed, forbidden, and
 * "not found" where the run's existence must not leak.
 */
@QuarkusTest
class RunTenancyTest {
  private static String runId;

  @BeforeEach
  void oneCompletedRunOfAnalystA() throws Exception {
    if (runId != null) {
      return;
    }
    String input = upload(analystA(), calls());
    String id =
        json(analystA(), millerRequest(input))
            .post("/api/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!"COMPLETED".equals(analystA().get("/api/runs/" + id).path("state"))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("run did not complete");
      }
      Thread.sleep(100);
    }
    runId = id;
  }

  static RequestSpecification withScope(String user, String force, String scope) {
    return given()
        .auth()
        .oauth2(
            TestTokens.sign(TestTokens.user(user, force, "analyst").claim("data_scope", scope)));
  }

  /** caller, expected status of: get, logs, output download, cancel (of a completed run). */
  static Stream<Arguments> matrix() {
    return Stream.of(
        row("anonymous", () -> given(), 401, 401, 401, 401),
        row("analyst A (owner)", RunFixtures::analystA, 200, 200, 200, 409),
        row("analyst B (other force)", () -> as("bob", "suffolk", "analyst"), 404, 404, 404, 404),
        row("analyst A2 (same force)", () -> as("amy", "norfolk", "analyst"), 404, 404, 404, 404),
        row("supervisor A", () -> as("sue", "norfolk", "supervisor"), 200, 200, 200, 409),
        row("supervisor B", () -> as("sid", "suffolk", "supervisor"), 404, 404, 404, 404),
        row("steward", () -> as("stella", "norfolk", "tool-steward"), 403, 403, 403, 403),
        row("reviewer", () -> as("erin", "norfolk", "reviewer-ethics"), 403, 403, 403, 403),
        row("auditor", () -> as("audrey", "suffolk", "auditor"), 200, 403, 403, 403),
        row("client A", () -> asClient("norfolk-rms", "norfolk"), 404, 404, 404, 404),
        row("client B", () -> asClient("suffolk-rms", "suffolk"), 404, 404, 404, 404),
        row(
            "region eastern",
            () -> withScope("ed", "suffolk", "region:eastern"),
            200,
            200,
            200,
            409),
        row("region western", () -> withScope("wes", "avon", "region:western"), 404, 404, 404, 404),
        row("national", () -> withScope("nat", "met", "national"), 200, 200, 200, 409));
  }

  private static Arguments row(
      String who,
      Supplier<RequestSpecification> caller,
      int get,
      int logs,
      int output,
      int cancel) {
    return Arguments.of(who, caller, get, logs, output, cancel);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void eachCallerGetsExactlyTheAccessTheRulesGive(
      String who,
      Supplier<RequestSpecification> caller,
      int get,
      int logs,
      int output,
      int cancel) {
    caller.get().get("/api/runs/" + runId).then().statusCode(get);
    caller.get().get("/api/runs/" + runId + "/logs").then().statusCode(logs);
    caller.get().get("/api/runs/" + runId + "/outputs/summary").then().statusCode(output);
    caller.get().post("/api/runs/" + runId + "/cancel").then().statusCode(cancel);
    if (get == 200) {
      caller
          .get()
          .get("/api/runs?limit=100")
          .then()
          .statusCode(200)
          .body("items.id", hasItem(runId));
    } else if (get == 404) {
      caller
          .get()
          .get("/api/runs?limit=100")
          .then()
          .statusCode(200)
          .body("items.id", not(hasItem(runId)));
    } else {
      caller.get().get("/api/runs").then().statusCode(get);
    }
  }

  static Stream<Arguments> starters() {
    return Stream.of(
        Arguments.of("anonymous", (Supplier<RequestSpecification>) () -> given(), 401),
        Arguments.of(
            "steward",
            (Supplier<RequestSpecification>) () -> as("stella", "norfolk", "tool-steward"),
            403),
        Arguments.of(
            "reviewer",
            (Supplier<RequestSpecification>) () -> as("erin", "norfolk", "reviewer-security"),
            403),
        Arguments.of(
            "auditor",
            (Supplier<RequestSpecification>) () -> as("audrey", "norfolk", "auditor"),
            403));
  }

  @ParameterizedTest(name = "{0} may neither upload nor start a run")
  @MethodSource("starters")
  void onlyDataRolesUploadAndStartRuns(
      String who, Supplier<RequestSpecification> caller, int status) throws Exception {
    caller.get().contentType("text/csv").body(calls()).post("/api/blobs").then().statusCode(status);
    json(caller.get(), millerRequest("a".repeat(64))).post("/api/runs").then().statusCode(status);
  }
}
