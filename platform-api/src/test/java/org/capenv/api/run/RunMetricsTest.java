package org.capenv.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.RunFixtures.as;
import static org.capenv.api.run.RunFixtures.calls;
import static org.capenv.api.run.RunFixtures.completedRun;
import static org.capenv.api.run.RunFixtures.json;
import static org.capenv.api.run.RunFixtures.millerRequest;
import static org.capenv.api.run.RunFixtures.upload;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The run metrics as the OpenTelemetry SDK exports them: runs by state and tool, policy decisions
 * by outcome, and the latency of audit appends, read back from the test profile's exporter.
 */
@QuarkusTest
class RunMetricsTest {
  static final String TOOL = "miller-cdr-stats";
  static final AttributeKey<String> TOOL_KEY = AttributeKey.stringKey("capenv.tool");
  static final AttributeKey<String> STATE = AttributeKey.stringKey("capenv.run.state");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("capenv.policy.outcome");

  @Inject CollectedMetrics metrics;

  private static RequestSpecification mia() {
    return as("mia", "norfolk", "analyst");
  }

  private long transitions(String state) {
    return metrics.sum("capenv.runs.transitions", Attributes.of(TOOL_KEY, TOOL, STATE, state));
  }

  private long decisions(String outcome) {
    return metrics.sum("capenv.policy.decisions", Attributes.of(TOOL_KEY, TOOL, OUTCOME, outcome));
  }

  private long appends(String mode) {
    return metrics.count(
        "capenv.audit.append.duration",
        Attributes.of(
            AttributeKey.stringKey("capenv.audit.mode"),
            mode,
            AttributeKey.stringKey("capenv.audit.outcome"),
            "ok"));
  }

  @Test
  void aRunAndARefusalAreCountedAndTheAuditAppendsTimed() throws Exception {
    long pending = transitions("PENDING");
    long running = transitions("RUNNING");
    long completed = transitions("COMPLETED");
    long allowed = decisions("allow");
    long denied = decisions("deny");
    long inTransaction = appends("transaction");
    long durable = appends("durable");

    String input = upload(mia(), calls());
    completedRun(RunMetricsTest::mia, millerRequest(input));
    Map<String, Object> secret = millerRequest(input);
    secret.put("classification", "SECRET");
    json(mia(), secret).post("/api/runs").then().statusCode(403);

    awaitAtLeast(() -> transitions("PENDING"), pending + 1);
    awaitAtLeast(() -> transitions("RUNNING"), running + 1);
    awaitAtLeast(() -> transitions("COMPLETED"), completed + 1);
    awaitAtLeast(() -> decisions("allow"), allowed + 1);
    awaitAtLeast(() -> decisions("deny"), denied + 1);
    // the refusal's run.denied is appended on its own
    awaitAtLeast(() -> appends("durable"), durable + 1);
    // upload, requested + decided, launched, completed: four appends within transactions
    awaitAtLeast(() -> appends("transaction"), inTransaction + 4);
  }

  /** Waits for the periodic export (every 200 ms in tests) to reach {@code target}. */
  private static void awaitAtLeast(LongSupplier value, long target) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (value.getAsLong() < target) {
      assertThat(Instant.now()).as("exported within 20 s").isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
