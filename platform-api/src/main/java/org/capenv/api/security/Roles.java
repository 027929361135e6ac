package org.capenv.api.security;

import java.util.Set;

/** The realm roles of the platform, as they arrive in {@code realm_access.roles}. */
public final class Roles {
  public static final String ANALYST = "analyst";
  public static final String SUPERVISOR = "supervisor";
  public static final String TOOL_STEWARD = "tool-steward";
  public static final String REVIEWER_ETHICS = "reviewer-ethics";
  public static final String REVIEWER_INFORMATION = "reviewer-information";
  public static final String REVIEWER_SECURITY = "reviewer-security";
  public static final String AUDITOR = "auditor";
  public static final String PLATFORM_ADMIN = "platform-admin";

  /** Held by the service accounts of force systems calling the API with client credentials. */
  public static final String FORCE_INTEGRATION = "force-integration";

  /** Every role the platform knows; any other role in a token is ignored. */
  public static final Set<String> ALL =
      Set.of(
          ANALYST,
          SUPERVISOR,
          TOOL_STEWARD,
          REVIEWER_ETHICS,
          REVIEWER_INFORMATION,
          REVIEWER_SECURITY,
          AUDITOR,
          PLATFORM_ADMIN,
          FORCE_INTEGRATION);

  private Roles() {}
}
