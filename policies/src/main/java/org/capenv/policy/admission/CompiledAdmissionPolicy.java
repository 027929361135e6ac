package org.capenv.policy.admission;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One ValidatingAdmissionPolicy, its expressions compiled once. */
record CompiledAdmissionPolicy(
    String name,
    List<ResourceRule> resourceRules,
    List<NamedProgram> variables,
    List<Validation> validations) {

  record ResourceRule(
      List<String> apiGroups,
      List<String> apiVersions,
      List<String> resources,
      List<String> operations) {

    boolean matches(String group, String version, String resource, String operation) {
      return matchesAny(apiGroups, group)
          && matchesAny(apiVersions, version)
          && matchesAny(resources, resource)
          && matchesAny(operations, operation);
    }

    private static boolean matchesAny(List<String> allowed, String value) {
      return allowed.contains("*") || allowed.contains(value);
    }
  }

  record NamedProgram(String name, Program program) {}

  record Validation(String expression, String message, Program program, Program messageProgram) {}

  boolean matches(String group, String version, String resource, String operation) {
    return resourceRules.stream().anyMatch(r -> r.matches(group, version, resource, operation));
  }

  /**
   * Evaluates the variables in order (each may use the earlier ones), then every validation. A
   * variable that fails to evaluate is left out, so every validation that reads it fails too.
   */
  List<Violation> evaluate(Map<String, Object> object, String operation) {
    Map<String, Object> vars = new HashMap<>();
    Map<String, Object> variables = new LinkedHashMap<>();
    vars.put("object", object);
    vars.put("request", Map.of("operation", operation));
    vars.put("variables", variables);
    for (NamedProgram v : this.variables) {
      try {
        variables.put(v.name(), v.program().eval(vars));
      } catch (CelEvaluationException e) {
        // left out on purpose: see the method comment
      }
    }
    List<Violation> violations = new ArrayList<>();
    for (Validation v : validations) {
      try {
        if (!Boolean.TRUE.equals(v.program().eval(vars))) {
          violations.add(new Violation(name, message(v, vars), v.expression()));
        }
      } catch (CelEvaluationException e) {
        violations.add(
            new Violation(
                name,
                message(v, vars) + " (expression could not be evaluated: " + e.getMessage() + ")",
                v.expression()));
      }
    }
    return violations;
  }

  private static String message(Validation v, Map<String, Object> vars) {
    if (v.message() != null) {
      return v.message();
    }
    if (v.messageProgram() != null) {
      try {
        return String.valueOf(v.messageProgram().eval(vars));
      } catch (CelEvaluationException e) {
        // Kubernetes falls back to the default message when messageExpression fails
      }
    }
    return "failed expression: " + v.expression();
  }
}
