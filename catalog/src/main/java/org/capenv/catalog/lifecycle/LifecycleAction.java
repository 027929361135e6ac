package org.capenv.catalog.lifecycle;

/** What a person asks to do to a tool version. */
public enum LifecycleAction {
  /** DRAFT to IN_REVIEW: freeze the manifest and open review round 1. */
  SUBMIT,
  /** IN_REVIEW to APPROVED, once the approval rule is met for the current round. */
  APPROVE,
  /** IN_REVIEW to REJECTED, by a reviewer, with a reason. */
  REJECT,
  /**
   * APPROVED to SUSPENDED, with a reason; opens a new review round for a possible reinstatement.
   */
  SUSPEND,
  /** SUSPENDED to APPROVED, once the approval rule is met for the new round. */
  REINSTATE,
  /** APPROVED or SUSPENDED to RETIRED, with a reason. */
  RETIRE
}
