package org.capenv.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The chart under test, rendered by Helm's own engine (helm-java) and parsed with fabric8. */
final class Chart {

  /** Surefire runs in the module folder, where the chart lives next to the pom. */
  static final Path DIR = Path.of("capenv").toAbsolutePath();

  static final String RELEASE = "capenv";
  static final String NAMESPACE = "capenv";
  static final String TOOLS_NAMESPACE = "capenv-tools";

  private static List<HasMetadata> defaults;
  private static List<HasMetadata> production;

  private Chart() {}

  static Path resource(String name) {
    Path path = Path.of("src/test/resources/org/capenv/helm", name).toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no test values file " + path);
    }
    return path;
  }

  /** The production-like values file, also shown in docs/deploy-helm.md. */
  static Path productionValues() {
    return resource("values-production.yaml");
  }

  /** Renders with the chart defaults plus optional values files and --set pairs. */
  static String template(List<Path> valuesFiles, Map<String, Object> sets) {
    TemplateCommand command = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
    valuesFiles.forEach(command::withValuesFile);
    sets.forEach(command::set);
    return command.call();
  }

  static List<HasMetadata> render(List<Path> valuesFiles, Map<String, Object> sets) {
    return parse(template(valuesFiles, sets));
  }

  /** Rendered once per test JVM; tests only read the objects. */
  static synchronized List<HasMetadata> renderDefaults() {
    if (defaults == null) {
      defaults = List.copyOf(render(List.of(), Map.of()));
    }
    return defaults;
  }

  /** Rendered once per test JVM; tests only read the objects. */
  static synchronized List<HasMetadata> renderProduction() {
    if (production == null) {
      production = List.copyOf(render(List.of(productionValues()), Map.of()));
    }
    return production;
  }

  /** Parses a multi-document YAML stream into typed Kubernetes objects. */
  static List<HasMetadata> parse(String yaml) {
    Object parsed =
        Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    List<HasMetadata> objects = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      list.stream().filter(Objects::nonNull).map(HasMetadata.class::cast).forEach(objects::add);
    } else if (parsed instanceof KubernetesResourceList<?> list) {
      objects.addAll(list.getItems());
    } else if (parsed instanceof HasMetadata single) {
      objects.add(single);
    }
    return objects;
  }

  /** The object as plain JSON-like maps, to see which fields are set at all. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object modelObject) {
    return Serialization.jsonMapper().convertValue(modelObject, Map.class);
  }

  static <T> T convert(Object modelObject, Class<T> type) {
    return Serialization.jsonMapper().convertValue(modelObject, type);
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = all(objects, type);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }
}
