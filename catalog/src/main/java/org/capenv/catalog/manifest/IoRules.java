package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Input and output names are unique; at most one output captures standard output. */
final class IoRules {

  private IoRules() {}

  static void check(JsonNode manifest, List<ManifestViolation> out) {
    for (String list : List.of("inputs", "outputs")) {
      Set<String> seen = new HashSet<>();
      JsonNode items = manifest.path(list);
      for (int i = 0; i < items.size(); i++) {
        String name = items.get(i).path("name").asText();
        if (!seen.add(name)) {
          out.add(
              new ManifestViolation(
                  "/" + list + "/" + i + "/name",
                  "name-unique",
                  "'" + name + "' is declared twice in " + list));
        }
      }
    }
    JsonNode outputs = manifest.path("outputs");
    boolean stdoutTaken = false;
    for (int i = 0; i < outputs.size(); i++) {
      if ("stdout".equals(outputs.get(i).path("from").asText())) {
        if (stdoutTaken) {
          out.add(
              new ManifestViolation(
                  "/outputs/" + i + "/from",
                  "stdout-once",
                  "only one output may capture standard output"));
        }
        stdoutTaken = true;
      }
    }
  }
}
