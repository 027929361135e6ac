package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules for the two argv templates: the program is a literal, every placeholder names something
 * declared, a parameter placeholder can always be filled (the parameter is required or has a
 * default), an array parameter stands alone in its element, and standard-output captures are not
 * named as files.
 */
final class ArgvRules {

  private ArgvRules() {}

  static void check(JsonNode manifest, List<ManifestViolation> out) {
    JsonNode params = manifest.path("parameters");
    Map<String, String> paramTypes = new HashMap<>();
    params
        .path("properties")
        .properties()
        .forEach(e -> paramTypes.put(e.getKey(), e.getValue().path("type").asText("")));
    Set<String> required = new HashSet<>();
    params.path("required").forEach(r -> required.add(r.asText()));
    Set<String> inputs = new HashSet<>();
    manifest.path("inputs").forEach(i -> inputs.add(i.path("name").asText()));
    Map<String, String> outputSources = new HashMap<>();
    manifest
        .path("outputs")
        .forEach(o -> outputSources.put(o.path("name").asText(), o.path("from").asText("file")));

    for (String which : List.of("container", "local")) {
      JsonNode argv = manifest.path("command").path(which);
      String base = "/command/" + which;
      for (int i = 0; i < argv.size(); i++) {
        String element = argv.get(i).asText();
        String at = base + "/" + i;
        List<Placeholder> found;
        try {
          found = Placeholder.parse(element);
        } catch (IllegalArgumentException e) {
          out.add(new ManifestViolation(at, "placeholder-syntax", e.getMessage()));
          continue;
        }
        if (i == 0 && !found.isEmpty()) {
          out.add(
              new ManifestViolation(
                  at, "program-literal", "the program (argv[0]) must be a literal"));
          continue;
        }
        if (i == 0 && which.equals("local") && !element.startsWith("/")) {
          out.add(
              new ManifestViolation(
                  at, "program-absolute", "the local program must be an absolute path"));
        }
        for (Placeholder p : found) {
          checkPlaceholder(p, at, paramTypes, params, required, inputs, outputSources, out);
        }
      }
    }
  }

  private static void checkPlaceholder(
      Placeholder p,
      String at,
      Map<String, String> paramTypes,
      JsonNode params,
      Set<String> required,
      Set<String> inputs,
      Map<String, String> outputSources,
      List<ManifestViolation> out) {
    switch (p.kind()) {
      case PARAM -> {
        String type = paramTypes.get(p.name());
        if (type == null) {
          out.add(unknown(at, p, "parameter"));
          return;
        }
        JsonNode schema = params.path("properties").path(p.name());
        if (!required.contains(p.name()) && !schema.has("default")) {
          out.add(
              new ManifestViolation(
                  at,
                  "placeholder-optional",
                  p
                      + " names an optional parameter without a default; make it required or give"
                      + " it a default"));
        }
        if ("array".equals(type) && !p.wholeElement()) {
          out.add(
              new ManifestViolation(
                  at,
                  "placeholder-array-embedded",
                  p + " is an array parameter and must be the whole argv element"));
        }
      }
      case INPUT -> {
        if (!inputs.contains(p.name())) {
          out.add(unknown(at, p, "input"));
        }
      }
      case OUTPUT -> {
        String source = outputSources.get(p.name());
        if (source == null) {
          out.add(unknown(at, p, "output"));
        } else if (!"file".equals(source)) {
          out.add(
              new ManifestViolation(
                  at,
                  "placeholder-stdout-output",
                  p + " is captured from standard output and has no file path to pass"));
        }
      }
    }
  }

  private static ManifestViolation unknown(String at, Placeholder p, String what) {
    return new ManifestViolation(
        at, "placeholder-unknown", p + " names no declared " + what + " '" + p.name() + "'");
  }
}
