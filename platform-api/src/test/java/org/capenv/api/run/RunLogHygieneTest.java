package org.capenv.api.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.capenv.api.testing.TestTokens;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * What a run leaves in the platform's log: trace ids, never the parameters, the bearer token or the
 * content of the files. Every record logged while a run is uploaded, requested (once refused for a
 * bad parameter), completed, read and downloaded is captured at the root logger, at every level.
 */
@QuarkusTest
class RunLogHygieneTest {
  static final String FILE_CANARY = "CANARY-FILE-CONTENT-5d1e";
  static final String PARAMETER_CANARY = "canary_param_7f3a";
  static final String BAD_PARAMETER_CANARY = "canary_bad_9b2c;$(id)";

  /** Keeps every record, formatted, with the trace id of the request that logged it. */
  static final class Capture extends Handler {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<String> traceIds = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void publish(LogRecord record) {
      String message = record.getMessage();
      if (record instanceof ExtLogRecord ext) {
        message = ext.getFormattedMessage();
        if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.capenv")) {
          traceIds.add(String.valueOf(ext.getMdc("traceId")));
        }
      }
      Throwable thrown = record.getThrown();
      lines.add(message + (thrown == null ? "" : " " + thrown));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aRunsLogLinesCarryTraceIdsAndNoParameterTokenOrFileContent() throws Exception {
    String token = TestTokens.sign(TestTokens.user("lena", "norfolk", "analyst"));
    Capture capture = new Capture();
    capture.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      String csv =
          "call_id,caller,callee,start_time,duration_s,cell_id,"
              + PARAMETER_CANARY
              + "\n1,07700900001,07700900002,2026-03-01T10:00:00Z,60,C1,"
              + FILE_CANARY
              + "\n";
      String input =
          given()
              .auth()
              .oauth2(token)
              .contentType("text/csv")
              .body(csv.getBytes(StandardCharsets.UTF_8))
              .post("/api/blobs")
              .then()
              .statusCode(201)
              .extract()
              .path("sha256");
      Map<String, Object> bad = RunFixtures.millerRequest(input);
      bad.put("parameters", Map.of("group_by", BAD_PARAMETER_CANARY));
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(bad)
          .post("/api/runs")
          .then()
          .statusCode(422);

      Map<String, Object> request = RunFixtures.millerRequest(input);
      request.put("parameters", Map.of("fields", "duration_s", "group_by", PARAMETER_CANARY));
      String id = RunFixtures.completedRun(() -> given().auth().oauth2(token), request);
      given().auth().oauth2(token).get("/api/runs/" + id + "/logs").then().statusCode(200);
      String output =
          given()
              .auth()
              .oauth2(token)
              .get("/api/runs/" + id + "/outputs/summary")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(output).as("the canary did reach the tool").contains(PARAMETER_CANARY);
    } finally {
      root.removeHandler(capture);
    }

    assertThat(capture.lines).as("something was logged").isNotEmpty();
    assertThat(capture.lines)
        .noneMatch(l -> l.contains(FILE_CANARY))
        .noneMatch(l -> l.contains(PARAMETER_CANARY))
        .noneMatch(l -> l.contains("canary_bad_9b2c"))
        .noneMatch(l -> l.contains(token))
        .noneMatch(l -> l.contains(token.substring(token.lastIndexOf('.') + 1)));
    assertThat(capture.traceIds)
        .as("the platform's own lines from the requests carry their trace id")
        .anyMatch(t -> t.matches("[0-9a-f]{32}"));
  }
}
