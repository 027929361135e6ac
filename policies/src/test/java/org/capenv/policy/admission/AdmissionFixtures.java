package org.capenv.policy.admission;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The Job and Pod fixtures under {@code src/test/resources/org/capenv/policy/admission/}. */
final class AdmissionFixtures {
  /** Annotation of an error fixture: the messages it must produce, one per line, in order. */
  static final String EXPECTED = "test.capenv.org/expected-messages";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private AdmissionFixtures() {}

  static Stream<Path> named(String prefix) {
    try (Stream<Path> files = Files.list(folder())) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
      if (found.isEmpty()) {
        throw new IllegalStateException("no fixture named " + prefix + "* in " + folder());
      }
      return found.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> read(Path file) throws IOException {
    return YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
  }

  @SuppressWarnings("unchecked")
  static List<String> expectedMessages(Map<String, Object> object) {
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    Map<String, String> annotations = (Map<String, String>) metadata.get("annotations");
    return List.of(annotations.get(EXPECTED).split("\n"));
  }

  private static Path folder() {
    URL url = AdmissionFixtures.class.getResource("compliant-job.yaml");
    if (url == null) {
      throw new IllegalStateException("compliant-job.yaml is not on the test classpath");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
