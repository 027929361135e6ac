package org.capenv.api.tool.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.capenv.catalog.lifecycle.AlgoCareItem;
import org.capenv.catalog.lifecycle.ChecklistAnswer;

/**
 * A reviewer's sign-off: the review role they sign in, an answer for every ALGO-CARE item, and
 * their comments.
 */
public record SignOffRequest(
    @NotBlank @Size(max = 64) String role,
    @NotNull @Size(min = 1, max = 16) List<@Valid @NotNull Answer> checklist,
    @Size(max = 4000) String comments) {

  /** One ALGO-CARE answer; a comment is required unless the item is MET. */
  public record Answer(
      @NotNull AlgoCareItem item,
      @NotNull ChecklistAnswer.Outcome outcome,
      @Size(max = 2000) String comment) {}
}
