package org.capenv.catalog.lifecycle;

import java.util.Objects;
import java.util.Set;

/**
 * The person (or client) acting, as the platform authenticated them.
 *
 * @param id stable subject identifier (the token's {@code sub}), compared for four-eyes rules
 * @param roles the realm roles the token carries
 */
public record Actor(String id, Set<String> roles) {

  public Actor {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("actor id must not be blank");
    }
    roles = Set.copyOf(roles);
  }

  public boolean holds(String role) {
    return roles.contains(role);
  }
}
