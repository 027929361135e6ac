package org.capenv.catalog.manifest;

/** Government Security Classifications as used by the platform, lowest first. */
public enum DataClassification {
  OFFICIAL("OFFICIAL"),
  OFFICIAL_SENSITIVE("OFFICIAL-SENSITIVE"),
  SECRET("SECRET");

  private final String label;

  DataClassification(String label) {
    this.label = label;
  }

  /** The form written in manifests and tokens, e.g. {@code OFFICIAL-SENSITIVE}. */
  public String label() {
    return label;
  }

  /** True when data at {@code other} may be processed by a tool cleared to this level. */
  public boolean covers(DataClassification other) {
    return compareTo(other) >= 0;
  }

  public static DataClassification fromLabel(String label) {
    for (DataClassification c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown classification: " + label);
  }
}
