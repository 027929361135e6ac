package org.capenv.api.security;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one mapping from token claims to a {@link CallerIdentity}. Claim names are those of the
 * capenv Keycloak realm: {@code sub}, {@code preferred_username}, {@code force}, {@code vetting},
 * {@code data_scope}, {@code azp}, {@code client_id}; roles come from {@code realm_access.roles}
 * through the security identity.
 */
public final class CallerClaims {
  public static final String SUBJECT = "sub";
  public static final String USERNAME = "preferred_username";
  public static final String FORCE = "force";
  public static final String VETTING = "vetting";
  public static final String DATA_SCOPE = "data_scope";
  public static final String AUTHORIZED_PARTY = "azp";
  public static final String CLIENT_ID = "client_id";

  /** A force name as used in claims and paths: lower case letters, digits and hyphens. */
  private static final Pattern FORCE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private CallerClaims() {}

  /**
   * Builds the identity.
   *
   * @param claim reads one string claim by name, returning {@code null} when absent
   * @param tokenRoles the roles the security layer extracted from the token
   */
  public static CallerIdentity toIdentity(Function<String, String> claim, Set<String> tokenRoles) {
    String subject = nonBlank(claim.apply(SUBJECT)).orElse("");
    String username = nonBlank(claim.apply(USERNAME)).orElse(subject);
    Optional<String> force =
        nonBlank(claim.apply(FORCE)).filter(f -> FORCE_NAME.matcher(f).matches());
    Optional<String> clientId = nonBlank(claim.apply(CLIENT_ID));
    Optional<String> authorizedParty = nonBlank(claim.apply(AUTHORIZED_PARTY)).or(() -> clientId);
    Set<String> roles =
        tokenRoles.stream().filter(Roles.ALL::contains).collect(Collectors.toUnmodifiableSet());
    return new TokenCallerIdentity(
        subject,
        username,
        force,
        Vetting.fromClaim(claim.apply(VETTING)),
        DataScope.fromClaim(claim.apply(DATA_SCOPE)),
        roles,
        authorizedParty,
        clientId.isPresent());
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }
}
