package org.capenv.bench.policy;

/**
 * Five further rules of the kinds a force would add (limits, suspensions, formats, time windows),
 * so that with the fifteen shipped rules the benchmark bundle has twenty. When the shipped set
 * grows, this set shrinks: the benchmark's set-up refuses any other count.
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
        - name: secret-only-in-office-hours
          effect: deny
          condition: >
            request.classificationRank >= classificationRank('SECRET')
            && (env.now.getHours('Europe/London') < 7 || env.now.getHours('Europe/London') >= 19)
          message: SECRET data is processed only in office hours.
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
