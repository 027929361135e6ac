package org.capenv.policy;

/**
 * The compiled form of {@code user.x}, {@code tool.x}, {@code request.x} and {@code env.x}: each
 * reads the field from the {@link PolicyInput} directly, with the value {@link AccessVariables}
 * gives CEL (ranks as {@code Long}, lists and maps as the input holds them). Every declared field
 * is always present there, so a selection never fails and {@code has()} is always true.
 */
final class AccessFields {
  private AccessFields() {}

  /** The accessor of a declared field, or null if the variable or field is not one of ours. */
  static EvalNode of(String variable, String field) {
    return switch (variable) {
      case "user" -> user(field);
      case "tool" -> tool(field);
      case "request" -> request(field);
      case "env" -> env(field);
      default -> null;
    };
  }

  private static EvalNode user(String field) {
    return switch (field) {
      case "subject" -> f -> f.input.user().subject();
      case "username" -> f -> f.input.user().username();
      case "force" -> f -> f.input.user().force();
      case "roles" -> f -> f.input.user().roles();
      case "vetting" -> f -> f.input.user().vetting();
      case "vettingRank" -> f -> (long) Ranks.vetting(f.input.user().vetting());
      case "client" -> f -> f.input.user().client();
      case "dataScope" -> f -> f.input.user().dataScope();
      default -> null;
    };
  }

  private static EvalNode tool(String field) {
    return switch (field) {
      case "name" -> f -> f.input.tool().name();
      case "version" -> f -> f.input.tool().version();
      case "classification" -> f -> f.input.tool().classification();
      case "classificationRank" ->
          f -> (long) Ranks.classification(f.input.tool().classification());
      case "minimumVetting" -> f -> f.input.tool().minimumVetting();
      case "minimumVettingRank" -> f -> (long) Ranks.vetting(f.input.tool().minimumVetting());
      case "allowedRoles" -> f -> f.input.tool().allowedRoles();
      case "allowedForces" -> f -> f.input.tool().allowedForces();
      default -> null;
    };
  }

  private static EvalNode request(String field) {
    return switch (field) {
      case "purpose" -> f -> f.input.request().purpose();
      case "caseReference" -> f -> f.input.request().caseReference();
      case "classification" -> f -> f.input.request().classification();
      case "classificationRank" ->
          f -> (long) Ranks.classification(f.input.request().classification());
      case "inputBytes" -> f -> f.input.request().inputBytes();
      default -> null;
    };
  }

  private static EvalNode env(String field) {
    return switch (field) {
      case "now" -> f -> f.input.env().now();
      case "settings" -> f -> f.input.env().settings();
      default -> null;
    };
  }
}
