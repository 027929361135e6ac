package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules for a manifest's {@code parameters} block beyond "is a JSON Schema": a flat object of
 * named, typed properties, closed to unknown names, and every string constrained, so that what
 * reaches a tool's argv is something a reviewer could read and approve.
 */
final class ParameterSchemaRules {

  private static final Set<String> SCALAR_TYPES = Set.of("string", "integer", "number", "boolean");
  private static final Set<String> ITEM_TYPES = Set.of("string", "integer", "number");

  private ParameterSchemaRules() {}

  static void check(JsonNode params, List<ManifestViolation> out) {
    String at = "/parameters";
    List<ManifestViolation> meta = JsonSchemas.violations(JsonSchemas.metaSchema(), params, at);
    if (!meta.isEmpty()) {
      out.addAll(meta);
      return;
    }
    checkNoExternalReferences(params, at, out);
    JsonNode schemaUri = params.get("$schema");
    if (schemaUri != null && !JsonSchemas.META_SCHEMA_2020_12.equals(schemaUri.asText())) {
      out.add(
          new ManifestViolation(
              at + "/$schema",
              "parameters-dialect",
              "parameters must use JSON Schema draft 2020-12 ("
                  + JsonSchemas.META_SCHEMA_2020_12
                  + ")"));
    }
    if (!"object".equals(params.path("type").asText())) {
      out.add(new ManifestViolation(at + "/type", "parameters-object", "must be \"object\""));
    }
    JsonNode additional = params.get("additionalProperties");
    if (additional == null || !additional.isBoolean() || additional.booleanValue()) {
      out.add(
          new ManifestViolation(
              at + "/additionalProperties",
              "parameters-closed",
              "must be false, so that a run cannot pass a parameter nobody reviewed"));
    }
    JsonNode properties = params.path("properties");
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      checkProperty(
          p.getKey(), p.getValue(), at + "/properties/" + JsonPointers.escape(p.getKey()), out);
    }
    for (JsonNode required : params.path("required")) {
      if (!properties.has(required.asText())) {
        out.add(
            new ManifestViolation(
                at + "/required",
                "parameters-required-declared",
                "names '" + required.asText() + "', which is not under properties"));
      }
    }
  }

  private static void checkProperty(
      String name, JsonNode schema, String at, List<ManifestViolation> out) {
    if (!Placeholder.NAME.matcher(name).matches()) {
      out.add(
          new ManifestViolation(
              at, "parameter-name", "parameter names must match " + Placeholder.NAME.pattern()));
    }
    String type = schema.path("type").asText("");
    if (SCALAR_TYPES.contains(type)) {
      checkConstrainedString(type, schema, at, out);
    } else if ("array".equals(type)) {
      JsonNode items = schema.path("items");
      String itemType = items.path("type").asText("");
      if (!ITEM_TYPES.contains(itemType)) {
        out.add(
            new ManifestViolation(
                at + "/items/type",
                "parameter-type",
                "array items must be of type string, integer or number"));
      } else {
        checkConstrainedString(itemType, items, at + "/items", out);
      }
      if (!schema.has("maxItems")) {
        out.add(
            new ManifestViolation(
                at + "/maxItems", "parameter-bounded", "an array parameter needs maxItems"));
      }
    } else {
      out.add(
          new ManifestViolation(
              at + "/type",
              "parameter-type",
              "must be one of string, integer, number, boolean or array (one type, not a list)"));
    }
    JsonNode dflt = schema.get("default");
    if (dflt != null) {
      out.addAll(JsonSchemas.violations(JsonSchemas.compile(schema), dflt, at + "/default"));
    }
  }

  private static void checkConstrainedString(
      String type, JsonNode schema, String at, List<ManifestViolation> out) {
    if ("string".equals(type)
        && !schema.has("enum")
        && !schema.has("const")
        && !schema.has("pattern")) {
      out.add(
          new ManifestViolation(
              at,
              "parameter-constrained",
              "a string parameter needs enum, const or an anchored pattern (^...$)"));
    }
    JsonNode pattern = schema.get("pattern");
    if (pattern != null) {
      String p = pattern.asText();
      if (!p.startsWith("^") || !p.endsWith("$")) {
        out.add(
            new ManifestViolation(
                at + "/pattern",
                "parameter-constrained",
                "pattern must be anchored with ^ and $, got " + p));
      }
    }
  }

  /** {@code $ref} may only point inside the parameters block; {@code $id} would move the base. */
  private static void checkNoExternalReferences(
      JsonNode node, String at, List<ManifestViolation> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        String key = f.getKey();
        String here = at + "/" + JsonPointers.escape(key);
        boolean ref = key.equals("$ref") || key.equals("$dynamicRef");
        if (ref && !f.getValue().asText().startsWith("#")) {
          out.add(
              new ManifestViolation(
                  here, "parameters-local-ref", "only local references (#...) are allowed"));
        } else if (key.equals("$id")) {
          out.add(new ManifestViolation(here, "parameters-local-ref", "$id is not allowed"));
        }
        checkNoExternalReferences(f.getValue(), here, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkNoExternalReferences(node.get(i), at + "/" + i, out);
      }
    }
  }
}
