package org.capenv.audit.entry;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Who acted: the token subject (required), and what the identity provider said about them. Roles
 * are a set: stored sorted and without duplicates so that the canonical form does not depend on the
 * order the token listed them in.
 *
 * @param subject {@code sub} claim, or {@code system:<component>} for the platform itself
 * @param username {@code preferred_username}, may be null
 * @param force {@code force} claim, may be null
 * @param clientId {@code azp}/{@code client_id} of the calling client, may be null
 * @param roles realm roles
 * @param vetting {@code NPPV1..3}, may be null
 */
public record Actor(
    String subject,
    String username,
    String force,
    String clientId,
    List<String> roles,
    String vetting) {
  public Actor {
    Fields.requireText(subject, "actor.subject");
    roles = roles == null ? List.of() : List.copyOf(new TreeSet<>(roles));
    roles.forEach(r -> Fields.requireText(r, "actor.roles[]"));
  }

  /** An actor that is the platform itself, e.g. {@code system:runner}. */
  public static Actor system(String component) {
    return new Actor("system:" + Objects.requireNonNull(component), null, null, null, null, null);
  }
}
