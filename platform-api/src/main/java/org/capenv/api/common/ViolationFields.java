package org.capenv.api.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns bean-validation violations of a request into the {@code errors} list of a problem. */
final class ViolationFields {
  private ViolationFields() {}

  /**
   * The invalid input fields, sorted by name; empty when only return values were invalid. The
   * method name that starts each violation path is dropped: callers know parameters, not methods.
   */
  static List<Problem.FieldError> of(ConstraintViolationException e) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
      StringBuilder field = new StringBuilder();
      boolean returnValue = false;
      for (Path.Node node : violation.getPropertyPath()) {
        if (node.getKind() == ElementKind.RETURN_VALUE) {
          returnValue = true;
        }
        if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
          continue;
        }
        if (node.getName() == null) {
          continue;
        }
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(node.getName());
        if (node.getIndex() != null) {
          field.append('[').append(node.getIndex()).append(']');
        }
      }
      if (!returnValue) {
        errors.add(new Problem.FieldError(field.toString(), violation.getMessage()));
      }
    }
    errors.sort(Comparator.comparing(Problem.FieldError::field));
    return errors;
  }
}
