package org.capenv.runner.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.capenv.runner.spec.RunSpec;

/** Names and labels of the objects of one run. Labels carry no personal data: ids only. */
final class RunObjects {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String MANAGER = "capenv";
  static final String INSTANCE = "capenv.org/instance";
  static final String RUN_ID = "capenv.org/run-id";
  static final String TOOL = "capenv.org/tool";
  static final String TOOL_VERSION = "capenv.org/tool-version";
  static final String IMAGE_DIGEST = "capenv.org/image-digest";
  static final String CAPTURED = "capenv.org/captured";
  static final String DECLARED_OUTPUTS = "capenv.org/declared-outputs";
  static final String OUTPUT_MAX_BYTES = "capenv.org/output-max-bytes";
  static final String LOG_MAX_BYTES = "capenv.org/log-max-bytes";

  static final String STAGE_IN = "stage-in";
  static final String TOOL_CONTAINER = "tool";
  static final String STAGE_OUT = "stage-out";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunObjects() {}

  /** One name for the Job, its NetworkPolicy and its Secret: deterministic, so never twice. */
  static String name(String runId) {
    return "capenv-run-" + runId;
  }

  static Map<String, String> labels(RunSpec spec, String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGER);
    labels.put(INSTANCE, instance);
    labels.put(RUN_ID, spec.runId());
    labels.put(TOOL, spec.toolName());
    labels.put(TOOL_VERSION, spec.toolVersion());
    return labels;
  }

  /** Selects every Job this platform installation launched. */
  static Map<String, String> selector(String instance) {
    return Map.of(MANAGED_BY, MANAGER, INSTANCE, instance);
  }

  /**
   * A JSON merge patch (RFC 7386) that sets {@code fields} and leaves the rest of an object as it
   * is: one call, without reading the object first.
   */
  static String mergePatch(Map<String, ?> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a merge patch could not be written as JSON", e);
    }
  }
}
