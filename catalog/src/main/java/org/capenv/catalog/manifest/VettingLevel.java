package org.capenv.catalog.manifest;

/** Non Police Personnel Vetting levels, lowest first. */
public enum VettingLevel {
  NPPV1,
  NPPV2,
  NPPV3;

  /** True when a person vetted to this level meets the {@code required} level. */
  public boolean meets(VettingLevel required) {
    return compareTo(required) >= 0;
  }
}
