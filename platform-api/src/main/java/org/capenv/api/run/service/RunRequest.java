package org.capenv.api.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.capenv.api.common.Problem;

/**
 * A request to run a tool version, as the caller sent it. {@link #violations()} checks the shape of
 * every field; the manifest and the policy check the rest.
 *
 * @param tool catalogue name
 * @param version tool version
 * @param parameters parameter values (a JSON object), validated against the manifest's schema
 * @param inputs input name to SHA-256 of an uploaded blob
 * @param purpose why the run is needed
 * @param caseReference case or operation reference
 * @param classification declared classification of the input data
 */
public record RunRequest(
    String tool,
    String version,
    JsonNode parameters,
    Map<String, String> inputs,
    String purpose,
    String caseReference,
    String classification) {
  static final Pattern TOOL = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,64}");
  static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  static final Pattern CASE_REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/._:-]{0,127}");
  static final List<String> CLASSIFICATIONS = List.of("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET");
  static final int MAX_PURPOSE = 2000;
  static final int MAX_INPUTS = 32;

  public RunRequest {
    inputs = inputs == null ? Map.of() : new LinkedHashMap<>(inputs);
  }

  /** Every field that breaks a rule of shape, as JSON pointers into the request body. */
  public List<Problem.FieldError> violations() {
    List<Problem.FieldError> errors = new ArrayList<>();
    match(errors, "/tool", tool, TOOL, "must be a catalogue name (lower-case letters, digits, -)");
    match(errors, "/version", version, VERSION, "must be a version (letters, digits, . + -)");
    if (purpose == null || purpose.isBlank()) {
      errors.add(new Problem.FieldError("/purpose", "is required"));
    } else if (purpose.length() > MAX_PURPOSE) {
      errors.add(new Problem.FieldError("/purpose", "is longer than " + MAX_PURPOSE));
    } else if (purpose.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      errors.add(new Problem.FieldError("/purpose", "contains control characters"));
    }
    match(
        errors,
        "/caseReference",
        caseReference,
        CASE_REFERENCE,
        "must be a case or operation reference (letters, digits, / . _ : -; at most 128)");
    if (classification == null || !CLASSIFICATIONS.contains(classification)) {
      errors.add(new Problem.FieldError("/classification", "must be one of " + CLASSIFICATIONS));
    }
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      errors.add(new Problem.FieldError("/parameters", "must be a JSON object"));
    }
    if (inputs.size() > MAX_INPUTS) {
      errors.add(new Problem.FieldError("/inputs", "has more than " + MAX_INPUTS + " entries"));
    }
    inputs.forEach(
        (name, hash) -> {
          if (!INPUT_NAME.matcher(name).matches()) {
            errors.add(new Problem.FieldError("/inputs", "input name is not a plain file name"));
          } else if (hash == null || !SHA256.matcher(hash).matches()) {
            errors.add(
                new Problem.FieldError("/inputs/" + name, "must be a lower-case hex SHA-256"));
          }
        });
    return errors;
  }

  private static void match(
      List<Problem.FieldError> errors, String field, String value, Pattern rule, String message) {
    if (value == null || !rule.matcher(value).matches()) {
      errors.add(new Problem.FieldError(field, message));
    }
  }
}
