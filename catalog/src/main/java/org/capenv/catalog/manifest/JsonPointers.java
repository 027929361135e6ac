package org.capenv.catalog.manifest;

/** RFC 6901 reference-token escaping. */
final class JsonPointers {

  private JsonPointers() {}

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
