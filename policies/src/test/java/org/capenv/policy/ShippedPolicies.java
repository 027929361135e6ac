package org.capenv.policy;

import java.nio.file.Path;

/** Where the build puts the module's shipped policy folders (set by surefire in the pom). */
final class ShippedPolicies {
  private ShippedPolicies() {}

  static Path access() {
    return folder("capenv.policies.access");
  }

  static Path tests() {
    return folder("capenv.policies.tests");
  }

  static Path admission() {
    return folder("capenv.policies.admission");
  }

  private static Path folder(String property) {
    String dir = System.getProperty(property);
    if (dir == null) {
      throw new IllegalStateException("system property " + property + " is not set by the build");
    }
    return Path.of(dir);
  }
}
