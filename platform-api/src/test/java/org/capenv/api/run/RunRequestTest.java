package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.as;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.capenv.api.run.persistence.RunStateValue;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Refused requests: each a clear 4xx problem+json that leaves no run and no blob behind. */
@QuarkusTest
class RunRequestTest {
  @Inject AgroalDataSource dataSource;
  @Inject PostgresAuditStore auditLog;

  private static RequestSpecification mallory() {
    return as("mallory", "norfolk", "analyst");
  }

  /** The caller of the bad requests: none of them may leave a run or an audit entry of hers. */
  private static RequestSpecification trudy() {
    return as("trudy", "norfolk", "analyst");
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("unknown tool", 404, b -> b.put("tool", "no-such-tool")),
        bad("unknown version", 404, b -> b.put("version", "9.9.9")),
        bad("unknown field", 400, b -> b.put("shell", "rm -rf /")),
        bad("inputs of the wrong type", 400, b -> b.put("inputs", "records")),
        bad("purpose of the wrong type", 400, b -> b.put("purpose", List.of("a", "b"))),
        bad("classification of the wrong type", 400, b -> b.put("classification", Map.of())),
        bad(
            "input hash of the wrong type",
            400,
            b -> b.put("inputs", Map.of("records", List.of()))),
        bad("parameter of the wrong type", 422, b -> b.put("parameters", Map.of("fields", 5))),
        bad("missing purpose", 422, b -> b.remove("purpose")),
        bad("blank purpose", 422, b -> b.put("purpose", "   ")),
        bad("missing case reference", 422, b -> b.remove("caseReference")),
        bad("missing tool", 422, b -> b.remove("tool")),
        bad("control characters", 422, b -> b.put("purpose", "ok\u0007\u001b[2J")),
        bad("NUL in the purpose", 422, b -> b.put("purpose", "ok\u0000; rm -rf /")),
        bad("very long purpose", 422, b -> b.put("purpose", "x".repeat(5000))),
        bad("very long tool name", 422, b -> b.put("tool", "a".repeat(100_000))),
        bad("very long case reference", 422, b -> b.put("caseReference", "A".repeat(10_000))),
        bad("unknown classification", 422, b -> b.put("classification", "TOP SECRET")),
        bad("hostile case reference", 422, b -> b.put("caseReference", "$(reboot); `id`")),
        bad("case reference with a newline", 422, b -> b.put("caseReference", "OP-1\nforged")),
        bad("path-traversal tool name", 422, b -> b.put("tool", "../../usr/bin/sh")),
        bad("shell metacharacters in the version", 422, b -> b.put("version", "1.0.0;reboot")),
        bad(
            "parameter outside the schema",
            422,
            b -> b.put("parameters", Map.of("fields", "duration_s; rm -rf /"))),
        bad(
            "command substitution in a parameter",
            422,
            b -> b.put("parameters", Map.of("group_by", "caller$(id)"))),
        bad(
            "very long parameter value",
            422,
            b -> b.put("parameters", Map.of("fields", "a".repeat(100_000)))),
        bad("parameter not declared", 422, b -> b.put("parameters", Map.of("x", "1"))),
        bad("parameters not an object", 422, b -> b.put("parameters", "--exec")),
        bad(
            "path-traversal input name",
            422,
            b -> b.put("inputs", Map.of("../../etc/passwd", "a".repeat(64)))),
        bad("undeclared input", 422, b -> b.put("inputs", Map.of("other", "a".repeat(64)))),
        bad("not a hash", 422, b -> b.put("inputs", Map.of("records", "../x"))),
        bad("too many inputs", 422, b -> b.put("inputs", manyInputs(40))),
        bad("input never uploaded", 422, b -> b.put("inputs", Map.of("records", "b".repeat(64)))));
  }

  private static Map<String, String> manyInputs(int n) {
    Map<String, String> inputs = new HashMap<>();
    for (int i = 0; i < n; i++) {
      inputs.put("in" + i, "e".repeat(64));
    }
    return inputs;
  }

  private static Arguments bad(String name, int status, Consumer<Map<String, Object>> change) {
    return Arguments.of(name, status, change);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badRequests")
  void aBadRequestIsA4xxProblemAndLeavesNoRunAndNoEntry(
      String name, int status, Consumer<Map<String, Object>> change) throws Exception {
    Map<String, Object> body = new HashMap<>(millerRequest("c".repeat(64)));
    change.accept(body);
    json(trudy(), body)
        .post("/api/runs")
        .then()
        .statusCode(status)
        .contentType("application/problem+json");
    assertNothingOfTrudy();
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("malformed JSON", "application/json", "{\"tool\": \"miller-cdr-stats\",", 400),
        Arguments.of("empty body", "application/json", "", 400),
        Arguments.of("JSON null", "application/json", "null", 400),
        Arguments.of("a JSON array", "application/json", "[]", 400),
        Arguments.of("not JSON at all", "text/plain", "tool=miller-cdr-stats", 415),
        Arguments.of("duplicate keys", "application/json", "{\"tool\":\"a\",\"tool\":\"b\"}", 400),
        Arguments.of("a number beyond a double's range", "application/json", OUT_OF_RANGE, 400));
  }

  /**
   * Read as an infinity, which has no JSON form: it could not be hashed into the request digest.
   */
  private static final String OUT_OF_RANGE =
      "{\"tool\":\"miller-cdr-stats\",\"version\":\"1.0.0\",\"parameters\":{\"fields\":1e999999},"
          + "\"inputs\":{},\"purpose\":\"Summarise\",\"caseReference\":\"OP-1\","
          + "\"classification\":\"OFFICIAL\"}";

  /**
   * A list filter of the wrong form is a 400 naming it, not the 404 a typed JAX-RS query parameter
   * gives when it does not convert (which says the path does not exist).
   */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "state, NOPE",
    "state, pending",
    "limit, abc",
    "limit, 0",
    "limit, -5",
    "limit, 101",
    "limit, 99999999999999"
  })
  void aBadListFilterIsA400NamingIt(String name, String value) {
    mallory()
        .queryParam(name, value)
        .get("/api/runs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(name));
  }

  @Test
  void everyRunStateAndLimitInRangeIsAListFilter() {
    for (RunStateValue state : RunStateValue.values()) {
      mallory().queryParam("state", state.name()).get("/api/runs").then().statusCode(200);
    }
    for (int limit : new int[] {1, 20, 100}) {
      mallory().queryParam("limit", limit).get("/api/runs").then().statusCode(200);
    }
  }

  @Test
  void aNumberBeyondADoublesRangeIsNamedByItsPointer() throws Exception {
    trudy()
        .contentType("application/json")
        .body(OUT_OF_RANGE.getBytes(StandardCharsets.UTF_8))
        .post("/api/runs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("/parameters/fields"))
        .body("errors[0].message", containsString("beyond the range of a double"));
    assertNothingOfTrudy();
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("badBodies")
  void aBadBodyIsA4xxProblemAndLeavesNothing(
      String name, String contentType, String body, int status) throws Exception {
    trudy()
        .contentType(contentType)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/api/runs")
        .then()
        .statusCode(status)
        .contentType("application/problem+json");
    assertNothingOfTrudy();
  }

  @Test
  void anOversizedJsonBodyIsA413ProblemAndLeavesNothing() throws Exception {
    Map<String, Object> body = new HashMap<>(millerRequest("c".repeat(64)));
    body.put("purpose", "x".repeat(11 * 1024 * 1024));
    json(trudy(), body)
        .post("/api/runs")
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
    assertNothingOfTrudy();
  }

  @Test
  void aHostileIdempotencyKeyIsA400Problem() throws Exception {
    for (String key : List.of("../../etc/passwd", "a b", "k".repeat(200), "key;rm -rf /")) {
      json(trudy(), millerRequest("c".repeat(64)))
          .header("Idempotency-Key", key)
          .post("/api/runs")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    assertNothingOfTrudy();
  }

  private void assertNothingOfTrudy() throws Exception {
    assertThat(count("select count(*) from tool_run where owner_subject = 'sub-trudy'")).isZero();
    assertThat(count("select count(*) from audit_entry where actor_subject = 'sub-trudy'"))
        .isZero();
  }

  @Test
  void anotherForcesUploadCannotBeUsedEvenByItsHash() throws Exception {
    byte[] content = (new String(calls()) + "99,1,2,2026-03-02T00:00:00Z,1,C\n").getBytes();
    String bobs = upload(as("bob", "suffolk", "analyst"), content);
    json(mallory(), millerRequest(bobs))
        .post("/api/runs")
        .then()
        .statusCode(422)
        .body("errors.field", hasItem("/inputs/records"));
  }

  @Test
  void anOversizedUploadIsRefusedAndKeepsNothing() throws Exception {
    byte[] big = new byte[12 * 1024 * 1024 + 1];
    as("olive", "norfolk", "analyst")
        .contentType("text/csv")
        .body(big)
        .post("/api/blobs")
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
    assertThat(count("select count(*) from blob where uploader_subject = 'sub-olive'")).isZero();
  }

  @Test
  void aPolicyDenialIsA403WithTheMessagesAndIsAudited() throws Exception {
    String input = upload(mallory(), calls());
    Map<String, Object> body = new HashMap<>(millerRequest(input));
    body.put("classification", "SECRET");
    body.put("caseReference", "OP-DENIED-1");
    json(mallory(), body)
        .post("/api/runs")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("classification"));
    mallory().get("/api/runs").then().statusCode(200).body("items", empty());
    assertThat(
            auditLog
                .search(
                    AuditQuery.all(10)
                        .withCaseReference("OP-DENIED-1")
                        .withAction(Action.RUN_DENIED))
                .entries())
        .map(StoredEntry::entry)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
              assertThat(e.policy().decision()).isEqualTo("deny");
              assertThat(e.policy().rules()).contains("classification-above-tool-ceiling");
              assertThat(e.actor().subject()).isEqualTo("sub-mallory");
            });
  }

  @Test
  void anUploadIsACollectionOfTheUploadersForce() throws Exception {
    String sha = upload(as("cora", "norfolk", "analyst"), "a,b\n1,2\n".getBytes());
    assertThat(
            count("select count(*) from blob where sha256 = '" + sha + "' and force = 'norfolk'"))
        .isEqualTo(1);
    assertThat(auditLog.search(AuditQuery.all(50).withActorSubject("sub-cora")).entries())
        .map(StoredEntry::entry)
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo(Action.DATA_COLLECTED);
              assertThat(e.details()).containsEntry("sha256", sha);
            });
  }

  private long count(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
