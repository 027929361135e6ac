package org.capenv.api.run.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.run.persistence.RunScope;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.DataScope;
import org.capenv.api.security.Roles;

/**
 * Who may see a run and its outputs: the user who started it, supervisors of the same force, and
 * holders of a regional scope covering its force or of national scope. Auditors read every run's
 * metadata but never its data (logs, outputs). A force system sees only the runs it started itself.
 * Everyone else sees nothing, and is told "not found" rather than "forbidden".
 */
@ApplicationScoped
public class RunAccess {
  /** Roles that act on data: start runs, read their logs, download their outputs. */
  static final Set<String> DATA_ROLES =
      Set.of(Roles.ANALYST, Roles.SUPERVISOR, Roles.FORCE_INTEGRATION);

  @Inject RunsConfig config;

  /** Whether the caller may see the run's metadata. */
  public boolean canSee(CallerIdentity caller, RunEntity run) {
    return caller.hasRole(Roles.AUDITOR) || canSeeData(caller, run);
  }

  /** Whether the caller may see the run's data; auditors never may. */
  public boolean canSeeData(CallerIdentity caller, RunEntity run) {
    if (caller.hasRole(Roles.AUDITOR) || DATA_ROLES.stream().noneMatch(caller::hasRole)) {
      return false;
    }
    if (run.ownerSubject.equals(caller.subject())) {
      return true;
    }
    return !caller.isClient() && forces(caller).contains(run.force) || national(caller);
  }

  /** The runs the caller may list. */
  public RunScope scope(CallerIdentity caller) {
    if (caller.hasRole(Roles.AUDITOR) || national(caller)) {
      return RunScope.all();
    }
    return new RunScope(false, caller.subject(), caller.isClient() ? Set.of() : forces(caller));
  }

  private boolean national(CallerIdentity caller) {
    return !caller.isClient()
        && DATA_ROLES.stream().anyMatch(caller::hasRole)
        && caller.dataScope().kind() == DataScope.Kind.NATIONAL;
  }

  private Set<String> forces(CallerIdentity caller) {
    Set<String> forces = new HashSet<>();
    if (caller.hasRole(Roles.SUPERVISOR)) {
      caller.force().ifPresent(forces::add);
    }
    if (caller.dataScope().kind() == DataScope.Kind.REGION) {
      forces.addAll(
          config.regions().getOrDefault(caller.dataScope().region().orElseThrow(), List.of()));
    }
    return forces;
  }
}
