/**
 * The run API's resources. The problem answers several run endpoints share are described once here,
 * among the OpenAPI document's components, and each endpoint refers to them by name ({@link
 * RunApiResponses}).
 */
@OpenAPIDefinition(
    info = @Info(title = "capenv API", version = "1"),
    components =
        @Components(
            responses = {
              @APIResponse(
                  name = RunApiResponses.DATA_FORBIDDEN,
                  description = "The caller may read the run's record but not its data (auditors)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples =
                              @ExampleObject(
                                  name = "forbidden",
                                  value = RunApiExamples.FORBIDDEN))),
              @APIResponse(
                  name = RunApiResponses.RUN_NOT_FOUND,
                  description = "No such run for this caller (never 403: existence does not leak)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples =
                              @ExampleObject(
                                  name = "not-found",
                                  value = RunApiExamples.NOT_FOUND))),
              @APIResponse(
                  name = RunApiResponses.AUDIT_UNAVAILABLE,
                  description = "The audit log could not record the action; nothing was done",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples =
                              @ExampleObject(
                                  name = "audit-unavailable",
                                  value = RunApiExamples.AUDIT_UNAVAILABLE)))
            }))
package org.capenv.api.run.rest;

import org.capenv.api.common.Problem;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
