package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaException;
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
  private static final Set<String> REFERENCE_KEYWORDS =
      Set.of("$ref", "$dynamicRef", "$recursiveRef", "$id", "$anchor", "$dynamicAnchor");

  private ParameterSchemaRules() {}

  static void check(JsonNode params, List<ManifestViolation> out) {
    String at = "/parameters";
    List<ManifestViolation> meta = JsonSchemas.violations(JsonSchemas.metaSchema(), params, at);
    if (!meta.isEmpty()) {
      out.addAll(meta);
      return;
    }
    int before = out.size();
    checkNoReferences(params, at, out);
    if (out.size() > before) {
      // nothing below may compile a schema that could resolve a reference
      return;
    }
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
      try {
        out.addAll(JsonSchemas.violations(JsonSchemas.compile(schema), dflt, at + "/default"));
      } catch (SchemaException e) {
        out.add(
            new ManifestViolation(
                at, "parameter-schema", "cannot be used to check its default: " + e.getMessage()));
      }
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

  /**
   * References are refused outright: a remote one would make the platform fetch a URL, and even a
   * local one would stop a property's schema (used to check its default) from standing alone. The
   * parameters block is flat, so writing each schema out in full costs little.
   */
  private static void checkNoReferences(JsonNode node, String at, List<ManifestViolation> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        String here = at + "/" + JsonPointers.escape(f.getKey());
        if (REFERENCE_KEYWORDS.contains(f.getKey())) {
          out.add(
              new ManifestViolation(
                  here,
                  "parameters-no-ref",
                  f.getKey() + " is not allowed in parameters; write each schema out in full"));
        } else {
          checkNoReferences(f.getValue(), here, out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkNoReferences(node.get(i), at + "/" + i, out);
      }
    }
  }
}
