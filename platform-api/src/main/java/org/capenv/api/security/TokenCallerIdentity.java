package org.capenv.api.security;

import java.util.Optional;
import java.util.Set;

/** The value form of {@link CallerIdentity}, built by {@link CallerClaims#toIdentity}. */
public record TokenCallerIdentity(
    String subject,
    String username,
    Optional<String> force,
    Vetting vetting,
    DataScope dataScope,
    Set<String> roles,
    Optional<String> clientId,
    boolean isClient)
    implements CallerIdentity {

  public TokenCallerIdentity {
    roles = Set.copyOf(roles);
  }
}
