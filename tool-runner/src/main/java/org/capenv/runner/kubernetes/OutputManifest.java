package org.capenv.runner.kubernetes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunnerException;
import org.capenv.runner.spec.DeclaredOutput;
import org.capenv.runner.spec.RunSpec;

/**
 * Parses the termination message of the {@code stage-out} container: a JSON array of {@code
 * {"name", "sha256", "size"}} for each uploaded output. Everything is checked against the spec: a
 * name not declared, a size over its limit or a total over the run's limit, a malformed hash or a
 * duplicate refuses the whole manifest. The platform must then check that the bytes it received for
 * each output have this hash.
 */
final class OutputManifest {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private OutputManifest() {}

  /** The declared outputs as recorded on the Job, so a restarted runner can check them too. */
  static String describe(RunSpec spec) {
    StringBuilder text = new StringBuilder();
    for (DeclaredOutput output : spec.outputs()) {
      text.append(text.length() == 0 ? "" : ",")
          .append(output.name())
          .append(':')
          .append(output.maxBytes());
    }
    return text.toString();
  }

  static Map<String, Long> declared(String description) {
    Map<String, Long> declared = new HashMap<>();
    if (description != null && !description.isEmpty()) {
      for (String item : description.split(",")) {
        int colon = item.lastIndexOf(':');
        declared.put(item.substring(0, colon), Long.parseLong(item.substring(colon + 1)));
      }
    }
    return declared;
  }

  static List<RunOutput> parse(String message, Map<String, Long> declared, long maxTotal) {
    if (message == null || message.isBlank()) {
      throw new RunnerException("stage-out left no output manifest");
    }
    List<Map<String, Object>> entries;
    try {
      entries = JSON.readValue(message, new TypeReference<List<Map<String, Object>>>() {});
    } catch (IOException | RuntimeException e) {
      throw new RunnerException("output manifest is not a JSON array of objects");
    }
    List<RunOutput> outputs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (Map<String, Object> entry : entries) {
      String name = String.valueOf(entry.get("name"));
      String sha256 = String.valueOf(entry.get("sha256"));
      Object rawSize = entry.get("size");
      Long limit = declared.get(name);
      if (limit == null || !seen.add(name)) {
        throw new RunnerException("output manifest names undeclared or repeated output " + name);
      }
      if (!SHA256.matcher(sha256).matches() || !(rawSize instanceof Number size)) {
        throw new RunnerException(
            "output manifest entry " + name + " has a malformed hash or size");
      }
      long bytes = size.longValue();
      if (bytes < 0 || bytes > limit) {
        throw new RunnerException("output " + name + " has " + bytes + " bytes, limit " + limit);
      }
      total += bytes;
      outputs.add(new RunOutput(name, sha256, bytes, Optional.empty()));
    }
    if (total > maxTotal) {
      throw new RunnerException("outputs total " + total + " bytes, limit " + maxTotal);
    }
    return List.copyOf(outputs);
  }
}
