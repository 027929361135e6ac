package org.capenv.api.portal;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import org.capenv.api.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the portal's navigation offers the signed-in person, by role; templates read it as {@code
 * inject:nav}. It only decides which links are shown: every page and action checks the role again
 * through the same services as the REST API.
 */
@RequestScoped
@Named("nav")
public class PortalNav {
  static final Set<String> REVIEWERS =
      Set.of(Roles.REVIEWER_ETHICS, Roles.REVIEWER_INFORMATION, Roles.REVIEWER_SECURITY);

  @Inject SecurityIdentity identity;

  /** Whether a person is signed in (the signed-out page has nobody). */
  public boolean signedIn() {
    return !identity.isAnonymous();
  }

  /** The display name, from the ID token. */
  public String username() {
    if (identity.getPrincipal() instanceof JsonWebToken token) {
      String name = token.getClaim("preferred_username");
      if (name != null) {
        return name;
      }
    }
    return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
  }

  /** Analysts and supervisors run tools and see runs. */
  public boolean runs() {
    return has(Roles.ANALYST) || has(Roles.SUPERVISOR);
  }

  /** Stewards submit tool versions. */
  public boolean steward() {
    return has(Roles.TOOL_STEWARD);
  }

  /** Reviewers sign versions off. */
  public boolean reviewer() {
    return REVIEWERS.stream().anyMatch(this::has);
  }

  /** Auditors search the audit log. */
  public boolean auditor() {
    return has(Roles.AUDITOR);
  }

  private boolean has(String role) {
    return !identity.isAnonymous() && identity.hasRole(role);
  }
}
