package org.capenv.policy;

import java.util.Map;

/**
 * Converts a {@link PolicyInput} to the values CEL sees. Ranks are computed here once per decision
 * rather than by a function call in every rule; CEL integers are Java {@code long}s.
 */
final class AccessVariables {
  private AccessVariables() {}

  static Map<String, Object> of(PolicyInput in) {
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
    return Map.of("user", user, "tool", tool, "request", request, "env", env);
  }
}
