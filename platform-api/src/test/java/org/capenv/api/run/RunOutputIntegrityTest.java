package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.as;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.capenv.api.config.PlatformConfig;
import org.capenv.audit.entry.Action;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.junit.jupiter.api.Test;

/** A stored output altered after the run is never disclosed, and no disclosure is recorded. */
@QuarkusTest
class RunOutputIntegrityTest {
  @Inject PostgresAuditStore auditLog;
  @Inject PlatformConfig config;

  @Test
  void anAlteredOutputIsRefusedBeforeAnyByteOrEntry() throws Exception {
    RequestSpecification tess = as("tess", "norfolk", "analyst");
    // an input of its own, so that the output's bytes are shared with no other test
    String rows =
        new String(calls(), StandardCharsets.UTF_8)
            + "77,07700900777,1,2026-03-03T00:00:00Z,777,X\n";
    String input = upload(as("tess", "norfolk", "analyst"), rows.getBytes(StandardCharsets.UTF_8));
    String id =
        json(as("tess", "norfolk", "analyst"), millerRequest(input))
            .post("/api/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Map<String, Object> run = null;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (run == null || !"COMPLETED".equals(run.get("state"))) {
      assertThat(Instant.now()).isBefore(deadline);
      Thread.sleep(100);
      run = as("tess", "norfolk", "analyst").get("/api/runs/" + id).then().extract().as(Map.class);
    }
    String sha = (String) ((List<Map<String, Object>>) run.get("outputs")).get(0).get("sha256");
    Path stored = config.stateDir().resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha);
    Files.writeString(stored, " ", StandardOpenOption.APPEND);

    tess.get("/api/runs/" + id + "/outputs/summary")
        .then()
        .statusCode(500)
        .contentType("application/problem+json");
    assertThat(
            auditLog
                .search(AuditQuery.all(10).withRunId(id).withAction(Action.OUTPUT_DISCLOSED))
                .entries())
        .isEmpty();
  }
}
