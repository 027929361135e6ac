package org.capenv.policy.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.capenv.policy.PolicyLoadException;

/**
 * Evaluates the ValidatingAdmissionPolicies of the tools namespace against a Kubernetes object (a
 * Job or a Pod as a map, e.g. parsed from YAML), the way the API server would on CREATE: the
 * policies whose {@code matchConstraints} match the object's group, version and resource, their
 * variables in order, then every validation. Thread-safe after loading.
 *
 * <p>For other modules' tests: {@code AdmissionPolicyEvaluator.shipped().evaluate(job)} returns the
 * messages of the validations a Job fails, empty if the API server would admit it.
 */
public final class AdmissionPolicyEvaluator {
  /** Classpath folder of the shipped manifests (the module's {@code admission/} folder). */
  public static final String SHIPPED_RESOURCE = "org/capenv/policy/admission/";

  /** The shipped manifest files, in the order they are loaded. */
  public static final List<String> SHIPPED_FILES = List.of("tool-pods-restricted.yaml");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private final List<CompiledAdmissionPolicy> policies;

  private AdmissionPolicyEvaluator(List<CompiledAdmissionPolicy> policies) {
    this.policies = policies;
  }

  /**
   * Loads every {@code *.yaml} file of a folder (multi-document YAML allowed).
   *
   * @throws PolicyLoadException naming the file, policy, validation and CEL error of each problem,
   *     or if a policy has no Deny binding
   */
  public static AdmissionPolicyEvaluator load(Path dir) throws PolicyLoadException {
    AdmissionPolicyLoader loader = new AdmissionPolicyLoader();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        addDocuments(loader, f.getFileName().toString(), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new PolicyLoadException(List.of(dir + ": cannot read admission policies: " + e));
    }
    return build(loader);
  }

  /** Loads the manifests shipped in this module's jar ({@link #SHIPPED_FILES}). */
  public static AdmissionPolicyEvaluator shipped() throws PolicyLoadException {
    AdmissionPolicyLoader loader = new AdmissionPolicyLoader();
    ClassLoader cl = AdmissionPolicyEvaluator.class.getClassLoader();
    for (String file : SHIPPED_FILES) {
      try (InputStream in = cl.getResourceAsStream(SHIPPED_RESOURCE + file)) {
        if (in == null) {
          throw new PolicyLoadException(List.of(file + ": not on the classpath"));
        }
        addDocuments(loader, file, in.readAllBytes());
      } catch (IOException e) {
        throw new PolicyLoadException(List.of(file + ": cannot read: " + e));
      }
    }
    return build(loader);
  }

  /** The names of the loaded ValidatingAdmissionPolicies. */
  public List<String> policyNames() {
    return policies.stream().map(CompiledAdmissionPolicy::name).toList();
  }

  /**
   * The messages of the validations the object fails on CREATE, in policy and validation order;
   * empty if it would be admitted.
   *
   * @throws IllegalArgumentException if no loaded policy matches the object's kind, so that a
   *     mistyped fixture cannot pass unchecked
   */
  public List<String> evaluate(Map<String, ?> object) {
    return violations(object).stream().map(Violation::message).toList();
  }

  /** Like {@link #evaluate(Map)}, for a Kubernetes object given as YAML or JSON text. */
  public List<String> evaluate(String yamlOrJson) {
    try {
      return evaluate(YAML.readValue(yamlOrJson, new TypeReference<Map<String, Object>>() {}));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a YAML or JSON object: " + e.getMessage(), e);
    }
  }

  /** The failed validations, with policy name and expression. */
  public List<Violation> violations(Map<String, ?> object) {
    Map<String, Object> normalised = Normalise.map(object);
    String apiVersion = String.valueOf(normalised.get("apiVersion"));
    String kind = String.valueOf(normalised.get("kind"));
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    // Kubernetes' plural resource names for the kinds this policy targets are kind + "s"
    String resource = kind.toLowerCase(Locale.ROOT) + "s";
    List<Violation> out = new ArrayList<>();
    boolean matched = false;
    for (CompiledAdmissionPolicy p : policies) {
      if (p.matches(group, version, resource, "CREATE")) {
        matched = true;
        out.addAll(p.evaluate(normalised, "CREATE"));
      }
    }
    if (!matched) {
      throw new IllegalArgumentException(
          "no admission policy matches " + apiVersion + " " + kind + " (" + resource + ")");
    }
    return out;
  }

  private static void addDocuments(AdmissionPolicyLoader loader, String file, byte[] bytes)
      throws PolicyLoadException {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(bytes)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          loader.add(file, doc);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new PolicyLoadException(List.of(file + ": not valid YAML: " + e.getMessage()));
    }
  }

  private static AdmissionPolicyEvaluator build(AdmissionPolicyLoader loader)
      throws PolicyLoadException {
    List<String> problems = loader.problems();
    if (!problems.isEmpty()) {
      throw new PolicyLoadException(problems);
    }
    return new AdmissionPolicyEvaluator(loader.policies());
  }

  /** CEL integers are int64 and its maps want plain values: widen whatever a caller parsed. */
  static final class Normalise {
    private Normalise() {}

    static Map<String, Object> map(Map<String, ?> in) {
      Map<String, Object> out = new LinkedHashMap<>();
      in.forEach((k, v) -> out.put(k, value(v)));
      return out;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
      if (v instanceof Map<?, ?> m) {
        return map((Map<String, ?>) m);
      }
      if (v instanceof List<?> l) {
        return l.stream().map(Normalise::value).toList();
      }
      if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return ((Number) v).longValue();
      }
      if (v instanceof Float f) {
        return f.doubleValue();
      }
      return v;
    }
  }
}
