package org.capenv.policy.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns ValidatingAdmissionPolicy and binding documents into compiled policies, collecting every
 * problem. Features this evaluator does not model (params, match conditions, audit annotations) are
 * refused rather than ignored, so a test can never pass on a policy it did not really check.
 */
final class AdmissionPolicyLoader {
  static final String API_VERSION = "admissionregistration.k8s.io/v1";

  private static final Cel BOOL = AdmissionCel.create(SimpleType.BOOL);
  private static final Cel DYN = AdmissionCel.create(SimpleType.DYN);
  private static final Cel STRING = AdmissionCel.create(SimpleType.STRING);

  private final List<String> problems = new ArrayList<>();
  private final List<CompiledAdmissionPolicy> policies = new ArrayList<>();
  private final Set<String> bound = new HashSet<>();

  void add(String source, JsonNode doc) {
    String kind = doc.path("kind").asText();
    String name = doc.path("metadata").path("name").asText();
    String where = source + ": " + kind + " '" + name + "'";
    if (!API_VERSION.equals(doc.path("apiVersion").asText())) {
      problems.add(where + ": apiVersion must be " + API_VERSION);
    } else if ("ValidatingAdmissionPolicy".equals(kind)) {
      addPolicy(where, name, doc.path("spec"));
    } else if ("ValidatingAdmissionPolicyBinding".equals(kind)) {
      addBinding(where, doc.path("spec"));
    } else {
      problems.add(where + ": not a ValidatingAdmissionPolicy or binding");
    }
  }

  List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    for (CompiledAdmissionPolicy p : policies) {
      if (!bound.contains(p.name())) {
        all.add("policy '" + p.name() + "' has no binding with validationActions Deny");
      }
    }
    if (policies.isEmpty() && problems.isEmpty()) {
      all.add("no ValidatingAdmissionPolicy found");
    }
    return all;
  }

  List<CompiledAdmissionPolicy> policies() {
    return List.copyOf(policies);
  }

  private void addBinding(String where, JsonNode spec) {
    if (!textList(spec.path("validationActions")).contains("Deny")) {
      problems.add(where + ": validationActions must include Deny");
      return;
    }
    if (!spec.path("matchResources").path("namespaceSelector").isObject()) {
      problems.add(where + ": matchResources.namespaceSelector must select the tools namespace");
      return;
    }
    bound.add(spec.path("policyName").asText());
  }

  private void addPolicy(String where, String name, JsonNode spec) {
    if (!"Fail".equals(spec.path("failurePolicy").asText())) {
      problems.add(where + ": failurePolicy must be Fail (deny when an expression errors)");
    }
    for (String unsupported : List.of("paramKind", "matchConditions", "auditAnnotations")) {
      if (spec.has(unsupported)) {
        problems.add(where + ": " + unsupported + " is not supported by this evaluator");
      }
    }
    List<CompiledAdmissionPolicy.ResourceRule> rules = new ArrayList<>();
    for (JsonNode r : spec.path("matchConstraints").path("resourceRules")) {
      rules.add(
          new CompiledAdmissionPolicy.ResourceRule(
              textList(r.path("apiGroups")),
              textList(r.path("apiVersions")),
              textList(r.path("resources")),
              textList(r.path("operations"))));
    }
    if (rules.isEmpty()) {
      problems.add(where + ": matchConstraints.resourceRules is empty");
    }
    List<CompiledAdmissionPolicy.NamedProgram> variables = new ArrayList<>();
    for (JsonNode v : spec.path("variables")) {
      String vName = v.path("name").asText();
      Program p = compile(DYN, where + ": variable '" + vName + "'", v.path("expression"));
      if (p != null) {
        variables.add(new CompiledAdmissionPolicy.NamedProgram(vName, p));
      }
    }
    List<CompiledAdmissionPolicy.Validation> validations = new ArrayList<>();
    int index = 0;
    for (JsonNode v : spec.path("validations")) {
      String at = where + ": validation #" + ++index;
      Program p = compile(BOOL, at, v.path("expression"));
      Program m =
          v.has("messageExpression")
              ? compile(STRING, at + " messageExpression", v.path("messageExpression"))
              : null;
      String message = v.has("message") ? v.path("message").asText() : null;
      if (p != null) {
        validations.add(
            new CompiledAdmissionPolicy.Validation(v.path("expression").asText(), message, p, m));
      }
    }
    if (validations.isEmpty()) {
      problems.add(where + ": no validation");
    }
    policies.add(new CompiledAdmissionPolicy(name, rules, variables, validations));
  }

  private Program compile(Cel cel, String where, JsonNode expression) {
    if (!expression.isTextual() || expression.asText().isBlank()) {
      problems.add(where + ": expression is required");
      return null;
    }
    try {
      return cel.createProgram(cel.compile(expression.asText()).getAst());
    } catch (CelValidationException | CelEvaluationException e) {
      problems.add(where + ": CEL error: " + e.getMessage().strip());
      return null;
    }
  }

  private static List<String> textList(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }
}
