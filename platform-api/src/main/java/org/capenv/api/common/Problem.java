package org.capenv.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body, the only shape of error the platform returns.
 *
 * <p>{@code detail} is written for the caller and never carries a stack trace, a class name, SQL or
 * token content. {@code traceId} lets an operator find the matching log line and trace.
 *
 * @param type a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title a short, fixed summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong with this request
 * @param instance the request path
 * @param traceId the OpenTelemetry trace id of the request
 * @param errors the invalid fields, for validation problems only
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    URI instance,
    String traceId,
    List<FieldError> errors) {

  /** The media type of every error response. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One invalid input field.
   *
   * @param field where the value was found, e.g. {@code body.purpose} or {@code query.limit}
   * @param message why it is invalid
   */
  public record FieldError(String field, String message) {}
}
