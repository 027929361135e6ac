package org.capenv.api.run.persistence;

import java.util.Set;

/**
 * Which runs a caller may list: every run, or their own plus those of the given forces.
 *
 * @param everything true for national scope and auditors
 * @param subject the caller's own runs
 * @param forces forces whose runs the caller sees as well (supervisors: their force; regional
 *     scope: the region's forces)
 */
public record RunScope(boolean everything, String subject, Set<String> forces) {
  public RunScope {
    forces = Set.copyOf(forces);
  }

  public static RunScope all() {
    return new RunScope(true, null, Set.of());
  }
}
