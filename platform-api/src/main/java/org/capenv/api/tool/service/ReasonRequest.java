package org.capenv.api.tool.service;

import jakarta.validation.constraints.Size;

/** The stated reason for a rejection, suspension or retirement (required by those actions). */
public record ReasonRequest(@Size(max = 2000) String reason) {}
