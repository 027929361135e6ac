package org.capenv.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a policy folder, checks every file and compiles every condition once. All problems are
 * collected, so an author sees every broken rule in one go.
 */
final class PolicyBundleLoader {
  /** ASCII only, so that Java string order, byte order and {@code LC_ALL=C} order agree. */
  private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.yaml");

  private static final Pattern RULE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Set<String> RULE_KEYS =
      Set.of("name", "effect", "condition", "message", "description");
  private static final Set<String> FILE_KEYS = Set.of("rules", "description");

  private static final System.Logger LOG = System.getLogger(PolicyBundleLoader.class.getName());
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Cel CEL = AccessCel.create(SimpleType.BOOL);
  private static final Cel ALL_AT_ONCE = AccessCel.create(ListType.create(SimpleType.BOOL));

  private PolicyBundleLoader() {}

  static PolicyBundle load(Path dir) throws PolicyLoadException {
    List<String> problems = new ArrayList<>();
    SortedMap<String, byte[]> files = readFolder(dir, problems);
    List<PolicyBundle.CompiledRule> compiled = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      for (PolicyRule rule : parseFile(f.getKey(), f.getValue(), problems)) {
        String earlier = seen.putIfAbsent(rule.name(), rule.file());
        if (earlier != null) {
          problems.add(
              rule.file() + ": rule '" + rule.name() + "': name already used in " + earlier);
          continue;
        }
        compile(rule, problems).ifPresent(compiled::add);
      }
    }
    if (problems.isEmpty() && compiled.isEmpty()) {
      problems.add(dir + ": no policy rule found (files must be named *.yaml)");
    }
    if (!problems.isEmpty()) {
      throw new PolicyLoadException(problems);
    }
    List<PolicyBundle.CompiledRule> interpreted =
        compiled.stream().filter(c -> c.condition() == null).toList();
    Program combined = interpreted.isEmpty() ? null : allAtOnce(interpreted);
    return new PolicyBundle(compiled, combined, BundleDigest.of(files));
  }

  /**
   * One program that evaluates every interpreted condition (those {@link ConditionCompiler} left to
   * CEL) into a list of booleans, in rule order. CEL's fixed cost per evaluation dominates for
   * short conditions, so paying it once per decision instead of once per rule is what keeps a
   * twenty-rule decision within its latency target. Each condition already compiled on its own, so
   * wrapping it in parentheses cannot change its meaning; the newlines end any {@code //} comment a
   * condition may close with.
   */
  private static Program allAtOnce(List<PolicyBundle.CompiledRule> compiled)
      throws PolicyLoadException {
    StringBuilder list = new StringBuilder("[");
    for (PolicyBundle.CompiledRule c : compiled) {
      list.append(list.length() == 1 ? "" : ",").append("(\n").append(c.rule().condition());
      list.append("\n)");
    }
    list.append("]");
    try {
      CelAbstractSyntaxTree ast = ALL_AT_ONCE.compile(list.toString()).getAst();
      return ALL_AT_ONCE.createProgram(ConstantRegexes.precompile(ast, AccessCel.OPTIONS));
    } catch (CelValidationException | CelEvaluationException e) {
      // every condition compiled alone, so this is a defect of this class, not of a policy file
      throw new PolicyLoadException(List.of("combining the rules failed: " + e.getMessage()));
    }
  }

  private static SortedMap<String, byte[]> readFolder(Path dir, List<String> problems)
      throws PolicyLoadException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (!Files.isRegularFile(p) || name.startsWith(".")) {
          continue;
        }
        if (name.endsWith(".yml")) {
          problems.add(name + ": policy files must end in .yaml");
        } else if (name.endsWith(".yaml")) {
          if (FILE_NAME.matcher(name).matches()) {
            files.put(name, Files.readAllBytes(p));
          } else {
            problems.add(name + ": file name must match " + FILE_NAME.pattern());
          }
        }
      }
    } catch (IOException e) {
      throw new PolicyLoadException(List.of(dir + ": cannot read policy folder: " + e));
    }
    return files;
  }

  private static List<PolicyRule> parseFile(String file, byte[] bytes, List<String> problems) {
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (IOException e) {
      problems.add(file + ": not valid YAML: " + e.getMessage());
      return List.of();
    }
    if (root == null || !root.isObject() || !root.path("rules").isArray()) {
      problems.add(file + ": expected a mapping with a 'rules' list");
      return List.of();
    }
    unknownKeys(root, FILE_KEYS).forEach(k -> problems.add(file + ": unknown key '" + k + "'"));
    List<PolicyRule> rules = new ArrayList<>();
    int index = 0;
    for (JsonNode r : root.get("rules")) {
      index++;
      String where = file + ": rule #" + index;
      if (!r.isObject()) {
        problems.add(where + ": expected a mapping");
        continue;
      }
      String name = text(r, "name");
      if (name != null) {
        where = file + ": rule '" + name + "'";
      }
      List<String> local = new ArrayList<>();
      for (String k : unknownKeys(r, RULE_KEYS)) {
        local.add(where + ": unknown key '" + k + "'");
      }
      for (String k : List.of("name", "effect", "condition", "message")) {
        String v = text(r, k);
        if (v == null || v.isBlank()) {
          local.add(where + ": '" + k + "' is required and must be a non-empty string");
        }
      }
      if (name != null && !RULE_NAME.matcher(name).matches()) {
        local.add(where + ": name must be lower-case words joined by hyphens");
      }
      Effect effect = null;
      try {
        effect = Effect.parse(text(r, "effect"));
      } catch (IllegalArgumentException e) {
        local.add(where + ": " + e.getMessage());
      }
      if (local.isEmpty()) {
        rules.add(new PolicyRule(file, name, effect, text(r, "condition"), text(r, "message")));
      }
      problems.addAll(local);
    }
    return rules;
  }

  private static Optional<PolicyBundle.CompiledRule> compile(
      PolicyRule rule, List<String> problems) {
    try {
      CelAbstractSyntaxTree ast = CEL.compile(rule.condition()).getAst();
      List<String> regexProblems = ConstantRegexes.problems(ast);
      if (!regexProblems.isEmpty()) {
        String where = rule.file() + ": rule '" + rule.name() + "': CEL error: ";
        regexProblems.forEach(p -> problems.add(where + p));
        return Optional.empty();
      }
      // the rule's own program keeps CEL's matches: it only runs to explain a failed evaluation
      return Optional.of(
          new PolicyBundle.CompiledRule(rule, CEL.createProgram(ast), compiled(rule, ast)));
    } catch (CelValidationException | CelEvaluationException e) {
      problems.add(
          rule.file() + ": rule '" + rule.name() + "': CEL error: " + e.getMessage().strip());
      return Optional.empty();
    }
  }

  /** The rule's condition compiled to Java, or null if it stays with CEL's interpreter. */
  private static CompiledCondition compiled(PolicyRule rule, CelAbstractSyntaxTree ast) {
    try {
      return ConditionCompiler.compile(ast, AccessCel.OPTIONS.enableRegexPartialMatch());
    } catch (ConditionCompiler.Unsupported e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "{0}: rule ''{1}'' is evaluated by CEL''s interpreter: {2}",
          rule.file(),
          rule.name(),
          e.getMessage());
      return null;
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static List<String> unknownKeys(JsonNode node, Set<String> allowed) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        unknown.add(k);
      }
    }
    return unknown;
  }
}
