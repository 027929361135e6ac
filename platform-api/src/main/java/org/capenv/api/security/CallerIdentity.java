package org.capenv.api.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: a person (portal or API with a user token) or a force system (API with a
 * client-credentials token). Inject it where a request is being served; it is request-scoped and
 * built from the token's claims in one place, {@link CallerIdentityProducer}.
 *
 * <p>Every field is derived fail-closed: a missing or malformed claim gives the least privileged
 * value (no force, {@link Vetting#NONE}, {@link DataScope#FORCE}, no roles), never a default that
 * grants more.
 */
public interface CallerIdentity {
  /** The token subject ({@code sub}); stable across username changes. */
  String subject();

  /** The display name ({@code preferred_username}), for humans and audit entries. */
  String username();

  /** The caller's force ({@code force} claim), e.g. {@code norfolk}; empty when not stated. */
  Optional<String> force();

  /** The caller's vetting level ({@code vetting} claim). */
  Vetting vetting();

  /** How far beyond their force the caller may see ({@code data_scope} claim). */
  DataScope dataScope();

  /**
   * The caller's platform roles (see {@link Roles}); roles the platform does not know are left out.
   */
  Set<String> roles();

  /** The OAuth client the token was issued to ({@code azp}, else {@code client_id}). */
  Optional<String> clientId();

  /**
   * Whether the caller is a force system rather than a person: the token is a client-credentials
   * token (it carries the {@code client_id} claim that identity providers add for service
   * accounts).
   */
  boolean isClient();

  /** Whether the caller holds the given role. */
  default boolean hasRole(String role) {
    return roles().contains(role);
  }
}
