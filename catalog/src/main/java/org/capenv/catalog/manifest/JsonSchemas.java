package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one place that talks to the JSON Schema library: a registry that never fetches a schema over
 * the network (a manifest's {@code $ref} to a URL must not make the platform call out), error
 * locations as JSON pointers, and the translation of library errors into {@link
 * ManifestViolation}s.
 */
final class JsonSchemas {

  static final String META_SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemaRegistryConfig(
                      SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                  .schemaLoader(l -> l.fetchRemoteResources(false)));

  private JsonSchemas() {}

  static Schema compile(JsonNode schema) {
    return REGISTRY.getSchema(schema);
  }

  private static final Schema META = REGISTRY.getSchema(SchemaLocation.of(META_SCHEMA_2020_12));

  /** The draft 2020-12 meta-schema, from the library's bundled copy. */
  static Schema metaSchema() {
    return META;
  }

  /**
   * Validates {@code instance} and returns its violations, their pointers prefixed with {@code
   * prefix} (e.g. {@code /parameters} when the instance is a sub-document), sorted by pointer.
   */
  static List<ManifestViolation> violations(Schema schema, JsonNode instance, String prefix) {
    List<ManifestViolation> out = new ArrayList<>();
    for (Error e : schema.validate(instance)) {
      out.add(translate(e, prefix));
    }
    out.sort(Comparator.comparing(ManifestViolation::pointer));
    return out;
  }

  private static ManifestViolation translate(Error e, String prefix) {
    String at = prefix + e.getInstanceLocation().toString();
    String keyword = e.getKeyword() == null ? "schema" : e.getKeyword();
    String property = e.getProperty();
    switch (keyword) {
      case "required":
        return new ManifestViolation(at + "/" + property, "required", "is required but missing");
      case "additionalProperties":
        return new ManifestViolation(
            at + "/" + property, "additionalProperties", "is not a known field here");
      default:
        return new ManifestViolation(at, keyword, stripLocation(e.getMessage(), e));
    }
  }

  /** The library prefixes some messages with the instance location; the pointer already says it. */
  private static String stripLocation(String message, Error e) {
    String loc = e.getInstanceLocation().toString();
    if (!loc.isEmpty() && message.startsWith(loc + ": ")) {
      return message.substring(loc.length() + 2);
    }
    return message;
  }
}
