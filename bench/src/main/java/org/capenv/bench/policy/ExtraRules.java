package org.capenv.bench.policy;

/**
 * Eight further rules of the kinds a force would add (limits, suspensions, formats, time windows),
 * so that with the twelve shipped rules the benchmark bundle has twenty.
 */
final class ExtraRules {
  static final String YAML =
      """
      rules:
        - name: input-too-large
          effect: deny
          condition: >
            'maxInputBytes' in env.settings
            && request.inputBytes > int(env.settings['maxInputBytes'])
          message: The inputs exceed the platform's size limit.
        - name: tool-suspended
          effect: deny
          condition: >
            'suspendedTools' in env.settings
            && tool.name in env.settings['suspendedTools'].split(',')
          message: The tool is suspended.
        - name: force-suspended
          effect: deny
          condition: >
            'suspendedForces' in env.settings
            && user.force in env.settings['suspendedForces'].split(',')
          message: The force's access is suspended.
        - name: case-reference-format
          effect: deny
          condition: >
            request.caseReference != ''
            && !request.caseReference.matches('^[A-Z][A-Z0-9-]{2,63}$')
          message: The case reference is not in the force's format.
        - name: purpose-too-short
          effect: deny
          condition: request.purpose.trim() != '' && size(request.purpose.trim()) < 10
          message: The purpose is too short to justify the run.
        - name: maintenance-window
          effect: deny
          condition: >
            'maintenanceUntil' in env.settings
            && env.now < timestamp(env.settings['maintenanceUntil'])
          message: The platform is in a maintenance window.
        - name: secret-only-in-office-hours
          effect: deny
          condition: >
            request.classificationRank >= classificationRank('SECRET')
            && (env.now.getHours('Europe/London') < 7 || env.now.getHours('Europe/London') >= 19)
          message: SECRET data is processed only in office hours.
        - name: integration-client-needs-role
          effect: deny
          condition: user.client.startsWith('force-') && !('force-integration' in user.roles)
          message: A force system client needs the force-integration role.
      """;

  static final String NO_OP =
      """
      rules:
        - name: always
          effect: allow
          condition: "true"
          message: no-op
      """;

  private ExtraRules() {}
}
