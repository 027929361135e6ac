package org.capenv.api.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.analystA;
import static org.capenv.api.run.RunFixtures.as;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.clientA;
import static org.capenv.api.run.RunFixtures.clientB;
import static org.capenv.api.run.RunFixtures.completedRun;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.capenv.api.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may act on runs, endpoint by endpoint and caller by caller: starting one (upload, then
 * request), and reading, listing, cancelling, reading the logs of and downloading from three
 * completed runs: force A's started by analyst A, force A's started by its system (client A), and
 * force B's started by its system (client B). Allowed, forbidden, and "not found" where the run's
 * existence must not leak.
 */
@QuarkusTest
class RunTenancyTest {
  /** The case of the two runs, so that lists are filtered to them whatever else exists. */
  private static final String CASE = "OP-TENANCY/2026/1";

  private static String analystRun;
  private static String clientRun;
  private static String otherForceRun;

  /** Expected statuses of get (and presence in the list), logs, output download and cancel. */
  record Access(int get, int logs, int output, int cancel) {}

  /** The run's owner, or whoever sees its data: cancel is 409 because the run has ended. */
  static final Access DATA = new Access(200, 200, 200, 409);

  /** Metadata only (auditors). */
  static final Access METADATA = new Access(200, 403, 403, 403);

  /** The run does not exist for this caller. */
  static final Access HIDDEN = new Access(404, 404, 404, 404);

  /** A role that never touches runs. */
  static final Access NO_ROLE = new Access(403, 403, 403, 403);

  static final Access ANONYMOUS = new Access(401, 401, 401, 401);

  /** Upload and run request both accepted (201, 202). */
  static final int STARTS = 202;

  @BeforeEach
  void threeCompletedRuns() throws Exception {
    if (analystRun != null) {
      return;
    }
    analystRun = completedRun(RunFixtures::analystA, tenancyRequest(upload(analystA(), calls())));
    clientRun = completedRun(RunFixtures::clientA, tenancyRequest(upload(clientA(), calls())));
    otherForceRun = completedRun(RunFixtures::clientB, tenancyRequest(upload(clientB(), calls())));
  }

  static RequestSpecification withScope(String user, String force, String scope) {
    return given()
        .auth()
        .oauth2(
            TestTokens.sign(TestTokens.user(user, force, "analyst").claim("data_scope", scope)));
  }

  /**
   * caller; what they may start; their access to analyst A's run, to force A's system's run and to
   * force B's system's run.
   */
  static Stream<Arguments> matrix() {
    return Stream.of(
        row("anonymous", () -> given(), 401, ANONYMOUS, ANONYMOUS, ANONYMOUS),
        row("analyst A (owner of the first)", RunFixtures::analystA, STARTS, DATA, HIDDEN, HIDDEN),
        row("analyst A2", () -> as("amy", "norfolk", "analyst"), STARTS, HIDDEN, HIDDEN, HIDDEN),
        row("analyst B", () -> as("bob", "suffolk", "analyst"), STARTS, HIDDEN, HIDDEN, HIDDEN),
        row("supervisor A", () -> as("sue", "norfolk", "supervisor"), STARTS, DATA, DATA, HIDDEN),
        row("supervisor B", () -> as("sid", "suffolk", "supervisor"), STARTS, HIDDEN, HIDDEN, DATA),
        row(
            "steward",
            () -> as("stella", "norfolk", "tool-steward"),
            403,
            NO_ROLE,
            NO_ROLE,
            NO_ROLE),
        row(
            "reviewer",
            () -> as("erin", "norfolk", "reviewer-ethics"),
            403,
            NO_ROLE,
            NO_ROLE,
            NO_ROLE),
        row("auditor", () -> as("audrey", "suffolk", "auditor"), 403, METADATA, METADATA, METADATA),
        row("client A (owner of the second)", RunFixtures::clientA, STARTS, HIDDEN, DATA, HIDDEN),
        row("client B (owner of the third)", RunFixtures::clientB, STARTS, HIDDEN, HIDDEN, DATA),
        row(
            "region eastern",
            () -> withScope("ed", "suffolk", "region:eastern"),
            STARTS,
            DATA,
            DATA,
            DATA),
        row(
            "region western",
            () -> withScope("wes", "avon", "region:western"),
            STARTS,
            HIDDEN,
            HIDDEN,
            HIDDEN),
        row("national", () -> withScope("nat", "met", "national"), STARTS, DATA, DATA, DATA));
  }

  private static Arguments row(
      String who,
      Supplier<RequestSpecification> caller,
      int start,
      Access analystRun,
      Access clientRun,
      Access otherForceRun) {
    return Arguments.of(who, caller, start, analystRun, clientRun, otherForceRun);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void eachCallerGetsExactlyTheAccessTheRulesGive(
      String who,
      Supplier<RequestSpecification> caller,
      int start,
      Access onAnalystRun,
      Access onClientRun,
      Access onOtherForceRun)
      throws Exception {
    expect(caller, analystRun, onAnalystRun);
    expect(caller, clientRun, onClientRun);
    expect(caller, otherForceRun, onOtherForceRun);
    if (start == STARTS) {
      String input = upload(caller.get(), calls());
      json(caller.get(), millerRequest(input)).post("/api/runs").then().statusCode(STARTS);
    } else {
      caller
          .get()
          .contentType("text/csv")
          .body(calls())
          .post("/api/blobs")
          .then()
          .statusCode(start);
      json(caller.get(), millerRequest("a".repeat(64))).post("/api/runs").then().statusCode(start);
    }
  }

  /**
   * An idempotency key is its caller's own. Another caller who sends the same key with the same
   * body (a colleague in the same force, or another force's system) starts a run of its own, and
   * never receives the first caller's run.
   */
  @Test
  void anIdempotencyKeyIsTheCallersOwn() throws Exception {
    String key = "shared-" + UUID.randomUUID();
    String sha256 = upload(analystA(), calls());
    Map<String, Object> request = millerRequest(sha256);
    String first = start(RunFixtures::analystA, request, key, 202);
    assertThat(start(RunFixtures::analystA, request, key, 200)).isEqualTo(first);

    // the same bytes uploaded by the others give the same hash, so the bodies are identical
    Supplier<RequestSpecification> colleague = () -> as("colleague", "norfolk", "analyst");
    assertThat(upload(clientB(), calls())).isEqualTo(sha256);
    assertThat(upload(colleague.get(), calls())).isEqualTo(sha256);
    String otherForce = start(RunFixtures::clientB, request, key, 202);
    String sameForce = start(colleague, request, key, 202);

    assertThat(Set.of(first, otherForce, sameForce)).hasSize(3);
    clientB().get("/api/runs/" + first).then().statusCode(404);
    colleague.get().get("/api/runs/" + first).then().statusCode(404);
  }

  private static String start(
      Supplier<RequestSpecification> caller, Map<String, Object> request, String key, int status) {
    return json(caller.get(), request)
        .header("Idempotency-Key", key)
        .post("/api/runs")
        .then()
        .statusCode(status)
        .extract()
        .path("id");
  }

  private static void expect(Supplier<RequestSpecification> caller, String runId, Access access) {
    caller.get().get("/api/runs/" + runId).then().statusCode(access.get());
    caller.get().get("/api/runs/" + runId + "/logs").then().statusCode(access.logs());
    caller.get().get("/api/runs/" + runId + "/outputs/summary").then().statusCode(access.output());
    caller.get().post("/api/runs/" + runId + "/cancel").then().statusCode(access.cancel());
    if (access.get() == 200) {
      listed(caller).body("items.id", hasItem(runId));
    } else if (access.get() == 404) {
      listed(caller).body("items.id", not(hasItem(runId)));
    } else {
      caller.get().get("/api/runs").then().statusCode(access.get());
    }
  }

  private static ValidatableResponse listed(Supplier<RequestSpecification> caller) {
    return caller.get().queryParam("caseReference", CASE).get("/api/runs").then().statusCode(200);
  }

  private static Map<String, Object> tenancyRequest(String input) {
    Map<String, Object> request = millerRequest(input);
    request.put("caseReference", CASE);
    return request;
  }
}
