package org.capenv.catalog.manifest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The test manifest and a way to break one field of it. */
final class Manifests {

  static final YAMLMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = new ObjectMapper();

  private Manifests() {}

  static ObjectNode good() {
    try (InputStream in = Manifests.class.getResourceAsStream("good.yaml")) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String goodYaml() {
    return yaml(good());
  }

  static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The good manifest with the field at {@code pointer} set to {@code json} (a JSON value), or
   * removed when {@code json} is null.
   */
  static String with(String pointer, String json) {
    ObjectNode root = good();
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = root.at(p.head());
    String last = p.last().getMatchingProperty();
    JsonNode value;
    try {
      value = json == null ? null : JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (parent instanceof ArrayNode array) {
      int i = p.last().getMatchingIndex();
      if (value == null) {
        array.remove(i);
      } else if (i == array.size()) {
        array.add(value);
      } else {
        array.set(i, value);
      }
    } else if (value == null) {
      ((ObjectNode) parent).remove(last);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
    return yaml(root);
  }
}
