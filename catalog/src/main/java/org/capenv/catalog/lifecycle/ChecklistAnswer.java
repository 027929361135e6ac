package org.capenv.catalog.lifecycle;

import java.util.Objects;

/**
 * A reviewer's answer to one ALGO-CARE item.
 *
 * @param comment required unless the outcome is {@link Outcome#MET}: a concern or an exemption has
 *     to be written down to be challengeable later
 */
public record ChecklistAnswer(AlgoCareItem item, Outcome outcome, String comment) {

  /** The reviewer's judgement on the item. */
  public enum Outcome {
    MET,
    NOT_MET,
    NOT_APPLICABLE
  }

  public ChecklistAnswer {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(outcome, "outcome");
    comment = comment == null ? "" : comment.strip();
  }

  public boolean needsComment() {
    return outcome != Outcome.MET;
  }
}
