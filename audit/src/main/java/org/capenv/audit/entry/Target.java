package org.capenv.audit.entry;

/**
 * What the action was done to, e.g. {@code ("run", "<run id>")}, {@code ("tool-version",
 * "whois@1.2.0")}, {@code ("output", "<blob sha256>")}.
 */
public record Target(String type, String id) {
  public Target {
    Fields.requireText(type, "target.type");
    Fields.requireText(id, "target.id");
  }
}
