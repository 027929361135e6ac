package org.capenv.catalog.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One reviewer's sign-off of a tool version in one review role, for one review round.
 *
 * @param reviewer the reviewer's subject id
 * @param role the review role signed in (e.g. {@code reviewer-ethics})
 * @param round the review round (1 after submission; a suspension opens the next)
 * @param checklist one answer per {@link AlgoCareItem}
 * @param comments the reviewer's overall comments (may be empty)
 * @param at when it was given
 */
public record SignOff(
    String reviewer,
    String role,
    int round,
    List<ChecklistAnswer> checklist,
    String comments,
    Instant at) {

  public SignOff {
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(at, "at");
    checklist = List.copyOf(checklist);
    comments = comments == null ? "" : comments.strip();
  }
}
