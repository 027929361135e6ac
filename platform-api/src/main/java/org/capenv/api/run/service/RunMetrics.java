package org.capenv.api.run.service;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Run metrics through the OpenTelemetry metrics API (exported when {@code
 * quarkus.otel.metrics.enabled=true}; otherwise the meter is a no-op). Attributes are tool names,
 * states and outcomes only: never parameters, people or cases.
 */
@ApplicationScoped
public class RunMetrics {
  static final AttributeKey<String> TOOL = AttributeKey.stringKey("capenv.tool");
  static final AttributeKey<String> STATE = AttributeKey.stringKey("capenv.run.state");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("capenv.policy.outcome");

  private final LongCounter transitions;
  private final LongCounter decisions;
  private final LongCounter refused;

  @Inject
  RunMetrics(OpenTelemetry openTelemetry) {
    Meter meter = openTelemetry.getMeter("org.capenv.runs");
    transitions =
        meter
            .counterBuilder("capenv.runs.transitions")
            .setDescription("Runs entering a state, by tool and state")
            .build();
    decisions =
        meter
            .counterBuilder("capenv.policy.decisions")
            .setDescription("Access policy decisions on run requests, by outcome")
            .build();
    refused =
        meter
            .counterBuilder("capenv.runs.launch.refused")
            .setDescription("Authorised run requests refused because the launch queue was full")
            .build();
  }

  void entered(String tool, String state) {
    transitions.add(1, Attributes.of(TOOL, tool, STATE, state));
  }

  void decided(String tool, boolean allowed) {
    decisions.add(1, Attributes.of(TOOL, tool, OUTCOME, allowed ? "allow" : "deny"));
  }

  void refused(String tool) {
    refused.add(1, Attributes.of(TOOL, tool));
  }
}
