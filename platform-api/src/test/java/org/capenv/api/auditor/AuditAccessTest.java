package org.capenv.api.auditor;

import static io.restassured.RestAssured.given;
import static org.capenv.api.auditor.AuditFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.capenv.api.testing.TestTokens;
import org.capenv.audit.store.PostgresAuditStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every audit endpoint: auditors only; everyone else 403, anonymous 401. */
@QuarkusTest
class AuditAccessTest {
  private static final String[] ENDPOINTS = {
    "/api/audit/entries",
    "/api/audit/entries/0",
    "/api/audit/entries/0/proof",
    "/api/audit/checkpoint",
    "/api/audit/checkpoint.txt",
    "/api/audit/verifier-key.txt",
    "/api/audit/export?format=csv&runId=none",
    "/api/audit/export?format=jsonl&runId=none"
  };

  @Inject PostgresAuditStore store;

  @BeforeEach
  void logHasEntries() {
    if (store.size() == 0) {
      AuditFixtures.seed(store);
    }
  }

  static Stream<Arguments> callers() {
    return Stream.of(
        row("auditor", AuditFixtures::auditor, 200),
        row("auditor of another force", () -> as("otto", "norfolk", "auditor"), 200),
        row("anonymous", () -> given(), 401),
        row("analyst A", () -> as("alice", "norfolk", "analyst"), 403),
        row("analyst B", () -> as("bob", "suffolk", "analyst"), 403),
        row("supervisor", () -> as("sue", "norfolk", "supervisor"), 403),
        row("steward", () -> as("stella", "norfolk", "tool-steward"), 403),
        row("reviewer", () -> as("erin", "norfolk", "reviewer-information"), 403),
        row("platform admin", () -> as("pat", "norfolk", "platform-admin"), 403),
        row(
            "client",
            () ->
                given()
                    .auth()
                    .oauth2(
                        TestTokens.sign(
                            TestTokens.client("norfolk-rms", "norfolk", "force-integration"))),
            403));
  }

  private static Arguments row(String who, Supplier<RequestSpecification> caller, int status) {
    return Arguments.of(who, caller, status);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callers")
  void onlyAuditorsReachTheAuditLog(String who, Supplier<RequestSpecification> caller, int status) {
    for (String endpoint : ENDPOINTS) {
      var response = caller.get().get(endpoint).then().statusCode(status);
      if (status != 200) {
        response
            .contentType(startsWith("application/problem+json"))
            .body("status", equalTo(status));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callers")
  void everyoneSignedInHasTheirOwnActivity(
      String who, Supplier<RequestSpecification> caller, int status) {
    caller.get().get("/api/me/activity").then().statusCode(status == 401 ? 401 : 200);
  }
}
