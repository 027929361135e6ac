package org.capenv.api.portal.review;

import java.util.List;
import org.capenv.api.portal.FormErrors;
import org.capenv.api.tool.service.ToolVersionView;
import org.capenv.catalog.lifecycle.AlgoCareItem;

/**
 * The sign-off page of a version: its record, the review roles the reviewer may sign in, one
 * ALGO-CARE question per item with the reviewer's answer and comment, and the errors of the last
 * submission.
 */
public record SignOffForm(
    ToolVersionView tool,
    List<String> roles,
    String role,
    List<Item> items,
    String comments,
    boolean ownSubmission,
    String errorTitle,
    List<FormErrors.Item> errors) {

  /** The question each ALGO-CARE item asks, as the reviewer reads it. */
  static String question(AlgoCareItem item) {
    return switch (item) {
      case ADVISORY -> "Is the output advisory, leaving the decision to a person?";
      case LAWFUL -> "Is the purpose lawful, and the use necessary and proportionate?";
      case GRANULARITY -> "Is the data granular and complete enough for the purpose?";
      case OWNERSHIP -> "Is it clear who owns and maintains the tool, the data and the outputs?";
      case CHALLENGEABLE -> "Can the use and its outputs be challenged, with oversight?";
      case ACCURACY -> "Is it accurate enough, with known error rates and bias tested?";
      case RESPONSIBLE -> "Is it used responsibly, fairly and with regard to equality?";
      case EXPLAINABLE -> "Can its working and outputs be explained to those affected and a court?";
    };
  }

  /**
   * One checklist item with the answer given so far.
   *
   * @param outcome MET, NOT_MET, NOT_APPLICABLE, or empty when not answered
   */
  public record Item(String item, String question, String outcome, String comment, String error) {
    public String id() {
      return "item-" + item;
    }
  }
}
