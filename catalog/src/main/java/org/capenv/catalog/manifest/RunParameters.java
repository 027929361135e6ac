package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates the parameters of a run against the manifest's parameter schema, after filling in the
 * declared defaults of absent parameters. The result is what the platform records for the run and
 * what the argv templates are filled from. Thread-safe; compiled schemas are cached per manifest
 * digest.
 */
public final class RunParameters {

  /** Parameters larger than this, as JSON text, are refused before validation. */
  public static final int MAX_PARAMETERS_CHARS = 64 * 1024;

  private static final int CACHE_LIMIT = 512;

  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /**
   * Returns the supplied parameters with defaults applied, or throws naming each violation.
   *
   * @param supplied a JSON object, or null / JSON null for "no parameters"
   * @throws ManifestValidationException with pointers relative to the parameters object (e.g.
   *     {@code /fields}) and the JSON Schema keyword broken as the rule
   */
  public ObjectNode resolve(ToolManifest manifest, JsonNode supplied)
      throws ManifestValidationException {
    if (supplied != null && !supplied.isNull() && !supplied.isObject()) {
      throw new ManifestValidationException(
          "parameters", List.of(new ManifestViolation("", "type", "must be a JSON object")));
    }
    ObjectNode resolved =
        supplied == null || supplied.isNull()
            ? JsonNodeFactory.instance.objectNode()
            : ((ObjectNode) supplied).deepCopy();
    if (resolved.toString().length() > MAX_PARAMETERS_CHARS) {
      throw new ManifestValidationException(
          "parameters",
          List.of(
              new ManifestViolation(
                  "", "size", "are larger than " + MAX_PARAMETERS_CHARS + " characters")));
    }
    manifest
        .parameters()
        .path("properties")
        .properties()
        .forEach(
            p -> {
              JsonNode dflt = p.getValue().get("default");
              if (dflt != null && !resolved.has(p.getKey())) {
                resolved.set(p.getKey(), dflt.deepCopy());
              }
            });
    List<ManifestViolation> violations = JsonSchemas.violations(schemaOf(manifest), resolved, "");
    if (!violations.isEmpty()) {
      throw new ManifestValidationException("parameters", violations);
    }
    return resolved;
  }

  private Schema schemaOf(ToolManifest manifest) {
    if (compiled.size() >= CACHE_LIMIT) {
      compiled.clear();
    }
    return compiled.computeIfAbsent(
        manifest.digest(), d -> JsonSchemas.compile(manifest.parameters()));
  }
}
