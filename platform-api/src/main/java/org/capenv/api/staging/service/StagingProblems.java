package org.capenv.api.staging.service;

import jakarta.ws.rs.core.Response.Status;
import java.net.URI;

/** The problem types of the staging API. */
final class StagingProblems {
  static final URI TOKEN = URI.create("https://capenv.org/problems/staging-token");
  static final URI NOT_DECLARED = URI.create("https://capenv.org/problems/staging-not-declared");
  static final URI USED = URI.create("https://capenv.org/problems/staging-token-used");
  static final URI NAME = URI.create("https://capenv.org/problems/staging-name");
  static final URI TOO_LARGE = URI.create("https://capenv.org/problems/staging-too-large");
  static final URI UNAVAILABLE = URI.create("https://capenv.org/problems/staging-unavailable");

  private StagingProblems() {}

  static StagingRefusedException unauthenticated(String detail) {
    return new StagingRefusedException(
        Status.UNAUTHORIZED, TOKEN, "Staging token not accepted", detail);
  }

  static StagingRefusedException forbidden(String detail) {
    return new StagingRefusedException(
        Status.FORBIDDEN, TOKEN, "Staging token not valid here", detail);
  }

  static StagingRefusedException used() {
    return new StagingRefusedException(
        Status.FORBIDDEN,
        USED,
        "Staging token already used",
        "This token was already used for this name; a token is accepted once per name.");
  }

  static StagingRefusedException notDeclared(String what) {
    return new StagingRefusedException(
        Status.NOT_FOUND,
        NOT_DECLARED,
        "Not declared",
        "This run declares no " + what + " of that name.");
  }

  static StagingRefusedException badName() {
    return new StagingRefusedException(
        Status.BAD_REQUEST,
        NAME,
        "Invalid name",
        "A staging name is one path segment of letters, digits, '.', '_' or '-'.");
  }

  static StagingRefusedException tooLarge(long max) {
    return new StagingRefusedException(
        Status.REQUEST_ENTITY_TOO_LARGE,
        TOO_LARGE,
        "Output too large",
        "The output is larger than the " + max + " bytes its manifest allows.");
  }

  static StagingRefusedException unavailable() {
    return new StagingRefusedException(
        Status.CONFLICT,
        UNAVAILABLE,
        "Input not available",
        "The stored copy of this input is missing or altered; the run cannot be staged.");
  }
}
