package org.capenv.policy;

import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;

/**
 * The values CEL sees for one {@link PolicyInput}, built once per decision and shared by every
 * rule. Ranks are computed here rather than by a function call in every rule; CEL integers are Java
 * {@code long}s.
 *
 * <p>A resolver rather than a map: CEL-Java asks for every dotted prefix of a field selection as a
 * possible variable name ({@code request.caseReference} before {@code request}), each a newly built
 * string, so a hash lookup pays for hashing it every time. Comparing with the four names answers
 * the same, with no hashing.
 */
record AccessVariables(
    Map<String, Object> user,
    Map<String, Object> tool,
    Map<String, Object> request,
    Map<String, Object> env)
    implements CelVariableResolver {

  static AccessVariables of(PolicyInput in) {
    PolicyInput.User u = in.user();
    PolicyInput.Tool t = in.tool();
    PolicyInput.Request r = in.request();
    Map<String, Object> user =
        Map.of(
            "subject", u.subject(),
            "username", u.username(),
            "force", u.force(),
            "roles", u.roles(),
            "vetting", u.vetting(),
            "vettingRank", (long) Ranks.vetting(u.vetting()),
            "client", u.client(),
            "dataScope", u.dataScope());
    Map<String, Object> tool =
        Map.of(
            "name", t.name(),
            "version", t.version(),
            "classification", t.classification(),
            "classificationRank", (long) Ranks.classification(t.classification()),
            "minimumVetting", t.minimumVetting(),
            "minimumVettingRank", (long) Ranks.vetting(t.minimumVetting()),
            "allowedRoles", t.allowedRoles(),
            "allowedForces", t.allowedForces());
    Map<String, Object> request =
        Map.of(
            "purpose", r.purpose(),
            "caseReference", r.caseReference(),
            "classification", r.classification(),
            "classificationRank", (long) Ranks.classification(r.classification()),
            "inputBytes", r.inputBytes());
    Map<String, Object> env = Map.of("now", in.env().now(), "settings", in.env().settings());
    return new AccessVariables(user, tool, request, env);
  }

  /** Same answers as a map of the four variables: present for exactly these names. */
  @Override
  public Optional<Object> find(String name) {
    Map<String, Object> value =
        switch (name.length()) {
          case 3 -> "env".equals(name) ? env : null;
          case 4 -> "user".equals(name) ? user : "tool".equals(name) ? tool : null;
          case 7 -> "request".equals(name) ? request : null;
          default -> null;
        };
    return Optional.ofNullable(value);
  }
}
