package org.capenv.audit.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed access to parsed canonical JSON with error messages that name the member. */
final class Reader {
  private final Object value;
  private final String name;

  Reader(Object value, String name) {
    this.value = value;
    this.name = name;
  }

  static Reader of(Map<String, Object> m, String key) {
    if (!m.containsKey(key)) {
      throw new IllegalArgumentException("missing member " + key);
    }
    return new Reader(m.get(key), key);
  }

  static String optText(Map<String, Object> m, String key) {
    return m.containsKey(key) ? of(m, key).text() : null;
  }

  static List<String> optTexts(Map<String, Object> m, String key) {
    List<String> out = new ArrayList<>();
    if (m.containsKey(key)) {
      for (Object o : of(m, key).list()) {
        out.add(new Reader(o, key + "[]").text());
      }
    }
    return out;
  }

  static List<Map<String, Object>> optObjects(Map<String, Object> m, String key) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (m.containsKey(key)) {
      for (Object o : of(m, key).list()) {
        out.add(new Reader(o, key + "[]").object());
      }
    }
    return out;
  }

  String text() {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(name + " must be a string");
  }

  long number() {
    if (value instanceof Long n) {
      return n;
    }
    throw new IllegalArgumentException(name + " must be an integer");
  }

  List<?> list() {
    if (value instanceof List<?> l && !l.isEmpty()) {
      return l;
    }
    throw new IllegalArgumentException(name + " must be a non-empty array");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> object() {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(name + " must be an object");
  }
}
