package org.capenv.api.security.rest;

import java.util.List;
import org.capenv.api.security.CallerIdentity;

/** The caller's identity as the API shows it ({@code GET /api/me}). */
public record CallerView(
    String subject,
    String username,
    String force,
    String vetting,
    String dataScope,
    List<String> roles,
    String clientId,
    boolean client) {

  static CallerView of(CallerIdentity caller) {
    return new CallerView(
        caller.subject(),
        caller.username(),
        caller.force().orElse(null),
        caller.vetting().name(),
        caller.dataScope().claimValue(),
        caller.roles().stream().sorted().toList(),
        caller.clientId().orElse(null),
        caller.isClient());
  }
}
