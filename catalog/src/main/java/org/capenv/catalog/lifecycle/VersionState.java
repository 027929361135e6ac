package org.capenv.catalog.lifecycle;

/**
 * The states of a tool version. The allowed moves between them are in {@link Lifecycle}; the
 * reasons are in docs/adr/0050-tool-version-lifecycle.md.
 */
public enum VersionState {
  /** Being written by its steward; the only state in which the manifest may change. */
  DRAFT,
  /** Submitted: the manifest is frozen (its digest fixed) and reviewers sign off. */
  IN_REVIEW,
  /** Every review role signed off: new runs may start. */
  APPROVED,
  /** Taken out of service at once for new runs; may return only through a fresh review round. */
  SUSPENDED,
  /** Withdrawn for good; stays readable for audit and reproducibility. Terminal. */
  RETIRED,
  /** Refused in review; a change means a new version. Terminal. */
  REJECTED;

  /** Only an approved version may start a new run (deny by default: every other state refuses). */
  public boolean runnable() {
    return this == APPROVED;
  }

  /** The manifest of a version in this state may no longer change. */
  public boolean frozen() {
    return this != DRAFT;
  }

  public boolean terminal() {
    return this == RETIRED || this == REJECTED;
  }
}
