package org.capenv.catalog.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and validates tool manifests (YAML, or JSON, which is YAML too). Thread-safe; create one
 * and share it.
 *
 * <p>Validation runs in three stages and reports every violation of the first stage that fails: (1)
 * the bytes are one well-formed YAML document without duplicate keys, within {@link
 * #MAX_MANIFEST_BYTES}; (2) the document matches the published JSON Schema ({@link #schemaJson()});
 * (3) the semantic rules: image pinned by digest, the parameters block a closed, well-formed JSON
 * Schema, argv placeholders resolvable, names unique.
 */
public final class ManifestParser {

  /** Larger manifests are refused before parsing. */
  public static final int MAX_MANIFEST_BYTES = 256 * 1024;

  static final String SCHEMA_RESOURCE = "/org/capenv/catalog/tool-manifest.schema.json";

  private static final String SCHEMA_TEXT = loadSchemaText();

  private static final ObjectMapper YAML = yamlMapper();
  private static final Schema MANIFEST_SCHEMA = compileManifestSchema();

  /** Cheap: the YAML reader and the compiled schema are shared by every instance. */
  public ManifestParser() {}

  private static ObjectMapper yamlMapper() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(MAX_MANIFEST_BYTES);
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return new ObjectMapper(factory);
  }

  private static Schema compileManifestSchema() {
    try {
      return JsonSchemas.compile(new ObjectMapper().readTree(SCHEMA_TEXT));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the bundled manifest schema is not JSON", e);
    }
  }

  /** The published JSON Schema of the manifest format, as served by the API and kept in docs/. */
  public static String schemaJson() {
    return SCHEMA_TEXT;
  }

  /**
   * Parses and validates a manifest.
   *
   * @throws ManifestValidationException listing each violation with its JSON pointer and rule
   */
  public ToolManifest parse(byte[] manifest) throws ManifestValidationException {
    JsonNode document = read(manifest);
    List<ManifestViolation> violations = JsonSchemas.violations(MANIFEST_SCHEMA, document, "");
    rephrase(document, violations);
    if (violations.isEmpty()) {
      ParameterSchemaRules.check(document.get("parameters"), violations);
      IoRules.check(document, violations);
      ArgvRules.check(document, violations);
    }
    if (!violations.isEmpty()) {
      throw new ManifestValidationException("manifest", violations);
    }
    return ManifestMapper.map(document, CanonicalJson.sha256(document));
  }

  public ToolManifest parse(String manifest) throws ManifestValidationException {
    return parse(manifest.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode read(byte[] bytes) throws ManifestValidationException {
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw single(
          "",
          "size",
          "is " + bytes.length + " bytes; the limit is " + MAX_MANIFEST_BYTES + " bytes");
    }
    refuseAnchorsAndAliases(bytes);
    try (JsonParser parser = YAML.createParser(bytes)) {
      JsonNode node = YAML.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw single("", "yaml", "the manifest is empty");
      }
      if (parser.nextToken() != null) {
        throw single("", "yaml", "holds more than one YAML document");
      }
      Optional<String> outOfRange = CanonicalJson.firstNonFinite(node);
      if (outOfRange.isPresent()) {
        throw single(outOfRange.get(), "number-range", CanonicalJson.NON_FINITE);
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw single("", "yaml", "is not well-formed YAML" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Jackson does not expand YAML aliases: {@code *x} would silently read as the string "x". Rather
   * than let a manifest mean something other than what its author wrote, anchors and aliases are
   * refused.
   */
  private static void refuseAnchorsAndAliases(byte[] bytes) throws ManifestValidationException {
    try (YAMLParser parser = (YAMLParser) YAML.createParser(bytes)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias() || parser.getObjectId() != null) {
          throw single(
              "",
              "yaml",
              "uses a YAML anchor or alias at line "
                  + parser.currentTokenLocation().getLineNr()
                  + "; write the value out instead");
        }
      }
    } catch (JsonProcessingException e) {
      // reported with its position by the full read that follows
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Two schema errors read badly as the library words them: an image's pattern error says nothing
   * useful, and an unpinned source reports both alternatives as "required". Say what is wrong.
   */
  private static void rephrase(JsonNode document, List<ManifestViolation> violations) {
    boolean noCommit =
        violations.removeIf(
            v -> v.pointer().equals("/source/commit") && v.rule().equals("required"));
    boolean noPackage =
        violations.removeIf(
            v -> v.pointer().equals("/source/package") && v.rule().equals("required"));
    if (noCommit || noPackage) {
      violations.add(
          new ManifestViolation(
              "/source",
              "source-pinned",
              "needs a commit, a distribution package, or both, to pin the code reviewed"));
    }
    JsonNode image = document.path("image");
    for (int i = 0; i < violations.size(); i++) {
      ManifestViolation v = violations.get(i);
      if (v.pointer().equals("/image") && v.rule().equals("pattern") && image.isTextual()) {
        String why = ImageReference.problem(image.textValue()).orElse(v.message());
        violations.set(i, new ManifestViolation("/image", "image-digest", why));
      }
    }
  }

  private static ManifestValidationException single(String pointer, String rule, String message) {
    List<ManifestViolation> one = new ArrayList<>();
    one.add(new ManifestViolation(pointer, rule, message));
    return new ManifestValidationException("manifest", one);
  }

  private static String loadSchemaText() {
    try (InputStream in = ManifestParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
