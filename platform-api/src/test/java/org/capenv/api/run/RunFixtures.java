package org.capenv.api.run;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.capenv.api.testing.TestTokens;

/** Callers, uploads and run requests shared by the run tests. */
final class RunFixtures {
  static final Path CALLS = Path.of("..", "catalog", "samples", "call-records.csv");

  private RunFixtures() {}

  static RequestSpecification as(String username, String force, String... roles) {
    return given().auth().oauth2(TestTokens.sign(TestTokens.user(username, force, roles)));
  }

  /**
   * A force system's client-credentials token, vetted NPPV2 as the realm's client registrations
   * state it (ADR 0080).
   */
  static RequestSpecification asClient(String clientId, String force) {
    return given()
        .auth()
        .oauth2(
            TestTokens.sign(
                TestTokens.client(clientId, force, "force-integration").claim("vetting", "NPPV2")));
  }

  /** A force system's token without a vetting claim: what the realm issued before ADR 0080. */
  static RequestSpecification asUnvettedClient(String clientId, String force) {
    return given()
        .auth()
        .oauth2(TestTokens.sign(TestTokens.client(clientId, force, "force-integration")));
  }

  static RequestSpecification clientA() {
    return asClient("force-integration-norfolk", "norfolk");
  }

  static RequestSpecification clientB() {
    return asClient("force-integration-suffolk", "suffolk");
  }

  static RequestSpecification analystA() {
    return as("alice", "norfolk", "analyst");
  }

  /** Uploads bytes as the given caller and returns their SHA-256. */
  static String upload(RequestSpecification caller, byte[] content) {
    return caller
        .contentType("text/csv")
        .body(content)
        .post("/api/blobs")
        .then()
        .statusCode(201)
        .extract()
        .path("sha256");
  }

  static byte[] calls() throws IOException {
    return Files.readAllBytes(CALLS);
  }

  /** A valid miller-cdr-stats request for the given input hash. */
  static Map<String, Object> millerRequest(String sha256) {
    Map<String, Object> body = new HashMap<>();
    body.put("tool", "miller-cdr-stats");
    body.put("version", "1.0.0");
    body.put("parameters", Map.of("fields", "duration_s", "group_by", "caller"));
    body.put("inputs", Map.of("records", sha256));
    body.put("purpose", "Summarise call records for the investigation");
    body.put("caseReference", "OP-KESTREL/2026/7");
    body.put("classification", "OFFICIAL-SENSITIVE");
    return body;
  }

  static RequestSpecification json(RequestSpecification caller, Object body) {
    return caller.contentType(ContentType.JSON).body(body);
  }

  /** Submits a run as the caller and waits until it has ended; returns its id. */
  static String completedRun(Supplier<RequestSpecification> caller, Map<String, Object> request)
      throws InterruptedException {
    String id =
        json(caller.get(), request).post("/api/runs").then().statusCode(202).extract().path("id");
    awaitState(caller, id, "COMPLETED");
    return id;
  }

  /** Polls the run as the caller until it reaches {@code state}; fails after 60 s. */
  static void awaitState(Supplier<RequestSpecification> caller, String id, String state)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String current = null;
    while (Instant.now().isBefore(deadline)) {
      current = caller.get().get("/api/runs/" + id).then().statusCode(200).extract().path("state");
      if (state.equals(current)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + id + " is " + current + ", not " + state + ", after 60 s");
  }
}
