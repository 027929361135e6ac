package org.capenv.policy.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.capenv.policy.Effect;
import org.capenv.policy.PolicyInput;

/**
 * Reads the policy test files of a folder. A file has an optional {@code defaults} input, merged
 * key by key (maps recursively, lists and values replaced) under each case's {@code input}, and a
 * list of {@code cases}, each with {@code name}, {@code input} and {@code expect: {decision,
 * matched}}. Unknown keys are errors, so a misspelt field cannot silently test nothing.
 */
public final class PolicyTestFiles {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(new JavaTimeModule());

  private PolicyTestFiles() {}

  /**
   * Reads every {@code *.yaml} file of the folder, in file name order.
   *
   * @throws IllegalArgumentException naming the file and case of a malformed test
   */
  public static List<PolicyTestCase> load(Path dir) {
    List<PolicyTestCase> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        cases.addAll(loadFile(f.getFileName().toString(), Files.readAllBytes(f)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  static List<PolicyTestCase> loadFile(String file, byte[] bytes) throws IOException {
    JsonNode root = YAML.readTree(bytes);
    if (root == null || !root.path("cases").isArray()) {
      throw new IllegalArgumentException(file + ": expected a mapping with a 'cases' list");
    }
    requireKeys(file, root, Set.of("description", "defaults", "cases"));
    JsonNode defaults = root.path("defaults");
    List<PolicyTestCase> cases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode c : root.get("cases")) {
      String name = c.path("name").asText("");
      String where = file + ": case '" + name + "'";
      if (name.isBlank() || !names.add(name)) {
        throw new IllegalArgumentException(where + ": each case needs a unique name");
      }
      requireKeys(where, c, Set.of("name", "description", "input", "expect"));
      JsonNode expect = c.path("expect");
      requireKeys(where + ": expect", expect, Set.of("decision", "matched"));
      try {
        ObjectNode input = defaults.isObject() ? defaults.deepCopy() : YAML.createObjectNode();
        merge(input, c.path("input"));
        PolicyInput in = YAML.treeToValue(input, PolicyInput.class);
        Effect effect = Effect.parse(expect.path("decision").asText(""));
        Set<String> matched = new HashSet<>();
        expect.path("matched").forEach(m -> matched.add(m.asText()));
        cases.add(new PolicyTestCase(file, name, in, effect, matched));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return cases;
  }

  private static void merge(ObjectNode target, JsonNode overlay) {
    for (Map.Entry<String, JsonNode> e : overlay.properties()) {
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static void requireKeys(String where, JsonNode node, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key '" + k + "'");
      }
    }
  }
}
