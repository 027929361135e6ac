package org.capenv.api.run;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.capenv.api.testing.TestTokens;

/** Callers, uploads and run requests shared by the run tests. */
final class RunFixtures {
  static final Path CALLS = Path.of("..", "catalog", "samples", "call-records.csv");

  private RunFixtures() {}

  static RequestSpecification as(String username, String force, String... roles) {
    return given().auth().oauth2(TestTokens.sign(TestTokens.user(username, force, roles)));
  }

  static RequestSpecification asClient(String clientId, String force) {
    return given()
        .auth()
        .oauth2(TestTokens.sign(TestTokens.client(clientId, force, "force-integration")));
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
}
