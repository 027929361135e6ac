package org.capenv.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an access policy may look at for one run request. Missing strings become {@code ""}
 * and missing lists or maps become empty, so that a rule never fails on an absent claim: rules test
 * for emptiness instead (see {@code docs/policies.md} for the CEL view of these fields).
 *
 * @param user who asks
 * @param tool the approved tool version asked for
 * @param request what the user declared for this run
 * @param env the time of the decision and platform settings
 */
public record PolicyInput(User user, Tool tool, Request request, Env env) {

  public PolicyInput {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(env, "env");
  }

  /**
   * The caller, from the access token.
   *
   * @param subject token {@code sub}
   * @param username token {@code preferred_username}
   * @param force token {@code force}, e.g. {@code norfolk}
   * @param roles realm roles
   * @param vetting token {@code vetting}: {@code NPPV1}, {@code NPPV2} or {@code NPPV3}
   * @param client {@code azp}/{@code client_id} of the client that called
   * @param dataScope token {@code data_scope}: {@code force}, {@code region:<name>} or {@code
   *     national}
   */
  public record User(
      String subject,
      String username,
      String force,
      List<String> roles,
      String vetting,
      String client,
      String dataScope) {
    public User {
      subject = orEmpty(subject);
      username = orEmpty(username);
      force = orEmpty(force);
      roles = roles == null ? List.of() : List.copyOf(roles);
      vetting = orEmpty(vetting);
      client = orEmpty(client);
      dataScope = orEmpty(dataScope);
    }
  }

  /**
   * The tool version, from its approved manifest.
   *
   * @param name tool name
   * @param version tool version
   * @param classification the highest data classification the tool is approved for (its ceiling)
   * @param minimumVetting the lowest vetting level allowed to run it
   * @param allowedRoles roles allowed to run it
   * @param allowedForces forces allowed to run it; {@code "*"} means every force
   */
  public record Tool(
      String name,
      String version,
      String classification,
      String minimumVetting,
      List<String> allowedRoles,
      List<String> allowedForces) {
    public Tool {
      name = orEmpty(name);
      version = orEmpty(version);
      classification = orEmpty(classification);
      minimumVetting = orEmpty(minimumVetting);
      allowedRoles = allowedRoles == null ? List.of() : List.copyOf(allowedRoles);
      allowedForces = allowedForces == null ? List.of() : List.copyOf(allowedForces);
    }
  }

  /**
   * What the user declared for this run.
   *
   * @param purpose the stated purpose
   * @param caseReference the case or operation reference
   * @param classification the declared classification of the input data
   * @param inputBytes the total size of the inputs in bytes
   */
  public record Request(
      String purpose, String caseReference, String classification, long inputBytes) {
    public Request {
      purpose = orEmpty(purpose);
      caseReference = orEmpty(caseReference);
      classification = orEmpty(classification);
    }
  }

  /**
   * The decision's environment.
   *
   * @param now the time of the decision
   * @param settings platform settings that rules may read (string values)
   */
  public record Env(Instant now, Map<String, String> settings) {
    public Env {
      Objects.requireNonNull(now, "now");
      settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
