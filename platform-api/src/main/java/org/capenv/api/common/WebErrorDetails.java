package org.capenv.api.common;

import jakarta.ws.rs.core.Response;

/**
 * Caller-facing details for protocol errors raised by the framework, whose own messages are not
 * written for callers.
 */
final class WebErrorDetails {
  private WebErrorDetails() {}

  static String of(Response.StatusType status) {
    return switch (status.getStatusCode()) {
      case 400 -> "The request is malformed.";
      case 401 -> "A valid bearer token is required for this resource.";
      case 403 -> "The caller is not permitted to perform this action.";
      case 404 -> "There is no resource at this path.";
      case 405 -> "This method is not allowed on this resource; see the Allow header.";
      case 406 -> "None of the media types in the Accept header can be produced here.";
      case 413 -> "The request body is larger than this platform accepts.";
      case 415 -> "The media type of the request body is not supported here.";
      default -> status.getReasonPhrase();
    };
  }
}
