package org.capenv.api.run.rest;

/**
 * Names of the problem answers that several run endpoints share, which {@code package-info.java}
 * describes once among the OpenAPI document's components: an endpoint declares one with
 * {@code @APIResponse(responseCode = …, ref = …)}.
 */
final class RunApiResponses {
  static final String DATA_FORBIDDEN = "RunDataForbidden";
  static final String RUN_NOT_FOUND = "RunNotFound";
  static final String AUDIT_UNAVAILABLE = "AuditUnavailable";

  private RunApiResponses() {}
}
