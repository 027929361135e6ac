package org.capenv.api.common;

import jakarta.ws.rs.core.Response;

/**
 * HTTP 422 (RFC 9110 section 15.5.21): the request is well-formed but its content breaks a rule,
 * e.g. a manifest that fails validation. Jakarta REST has no constant for it.
 */
public final class UnprocessableContent {
  public static final Response.StatusType STATUS =
      new Response.StatusType() {
        @Override
        public int getStatusCode() {
          return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
          return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
          return "Unprocessable Content";
        }
      };

  private UnprocessableContent() {}
}
