package org.capenv.api.run.rest;

/**
 * Request and response examples of the runs and uploads API, shown in the OpenAPI document. They
 * are real shapes of the API (the same fields as {@code RunView}, {@code BlobView} and {@code
 * Problem}); the hashes and ids are made up.
 */
public final class RunApiExamples {
  static final String SHA = "3f0a6a5c2e0bb2b1a4f6c5d8e9f00112233445566778899aabbccddeeff0011";
  static final String RUN_ID = "0b9d6c1e-5f3a-4c2b-9e7d-1a2b3c4d5e6f";

  /** The body of {@code POST /api/runs}. */
  public static final String RUN_REQUEST =
      "{\"tool\": \"miller-cdr-stats\", \"version\": \"1.0.0\","
          + " \"parameters\": {\"fields\": \"duration_s\", \"group_by\": \"caller\"},"
          + " \"inputs\": {\"records\": \""
          + SHA
          + "\"},"
          + " \"purpose\": \"Summarise call records for the investigation\","
          + " \"caseReference\": \"OP-KESTREL/2026/7\", \"classification\": \"OFFICIAL-SENSITIVE\"}";

  /** A run as {@code GET /api/runs/{id}} shows it. */
  public static final String RUN =
      "{\"id\": \""
          + RUN_ID
          + "\", \"state\": \"COMPLETED\", \"tool\": \"miller-cdr-stats\","
          + " \"version\": \"1.0.0\","
          + " \"image\": \"registry.example.police.uk/capenv-tools/miller@sha256:"
          + "0000000000000000000000000000000000000000000000000000000000000001\","
          + " \"parameters\": {\"fields\": \"duration_s\", \"group_by\": \"caller\","
          + " \"statistics\": \"count,sum,mean,min,max,p50\"},"
          + " \"parametersDigest\": \"9c1b5a0e7d2f4c3b8a6e1d0f9b8c7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a\","
          + " \"inputs\": [{\"name\": \"records\", \"sha256\": \""
          + SHA
          + "\", \"size\": 52311}],"
          + " \"outputs\": [{\"name\": \"summary\", \"sha256\":"
          + " \"a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90\", \"size\": 1873}],"
          + " \"purpose\": \"Summarise call records for the investigation\","
          + " \"caseReference\": \"OP-KESTREL/2026/7\", \"classification\": \"OFFICIAL-SENSITIVE\","
          + " \"owner\": \"norfolk.analyst\", \"force\": \"norfolk\","
          + " \"policy\": {\"bundleDigest\": \"sha256:5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d\","
          + " \"rules\": [\"role-allowed-by-tool\"],"
          + " \"messages\": [\"The user holds a role that the tool version allows.\"]},"
          + " \"exitCode\": 0, \"createdAt\": \"2026-11-25T10:00:00.000001Z\","
          + " \"launchedAt\": \"2026-11-25T10:00:00.080000Z\","
          + " \"finishedAt\": \"2026-11-25T10:00:00.410000Z\","
          + " \"auditEntries\": [{\"seq\": 1041, \"action\": \"run.requested\"},"
          + " {\"seq\": 1042, \"action\": \"policy.decided\"},"
          + " {\"seq\": 1043, \"action\": \"run.launched\"},"
          + " {\"seq\": 1044, \"action\": \"run.completed\"}]}";

  /** A run just accepted: {@code 202} to {@code POST /api/runs}. */
  public static final String RUN_ACCEPTED =
      "{\"id\": \""
          + RUN_ID
          + "\", \"state\": \"RUNNING\", \"tool\": \"miller-cdr-stats\", \"version\": \"1.0.0\","
          + " \"inputs\": [{\"name\": \"records\", \"sha256\": \""
          + SHA
          + "\", \"size\": 52311}], \"outputs\": [], \"owner\": \"norfolk.analyst\","
          + " \"force\": \"norfolk\", \"createdAt\": \"2026-11-25T10:00:00.000001Z\","
          + " \"launchedAt\": \"2026-11-25T10:00:00.080000Z\","
          + " \"auditEntries\": [{\"seq\": 1041, \"action\": \"run.requested\"},"
          + " {\"seq\": 1042, \"action\": \"policy.decided\"},"
          + " {\"seq\": 1043, \"action\": \"run.launched\"}]}";

  /** A run cancelled by its owner. */
  public static final String RUN_CANCELLED =
      "{\"id\": \""
          + RUN_ID
          + "\", \"state\": \"CANCELLED\", \"tool\": \"miller-cdr-stats\", \"version\": \"1.0.0\","
          + " \"reason\": \"CancelledByUser\", \"owner\": \"norfolk.analyst\","
          + " \"force\": \"norfolk\", \"finishedAt\": \"2026-11-25T10:00:05.000000Z\"}";

  /** A page of {@code GET /api/runs}. */
  public static final String PAGE =
      "{\"items\": [{\"id\": \""
          + RUN_ID
          + "\", \"state\": \"COMPLETED\", \"tool\": \"miller-cdr-stats\", \"version\": \"1.0.0\","
          + " \"caseReference\": \"OP-KESTREL/2026/7\", \"owner\": \"norfolk.analyst\","
          + " \"force\": \"norfolk\", \"createdAt\": \"2026-11-25T10:00:00.000001Z\"}],"
          + " \"next\": \"MjAyNi0xMS0yNVQxMDowMDowMC4wMDAwMDFafDBiOWQ2YzFl\"}";

  /** The bounded logs of a run. */
  public static final String LOGS =
      "{\"stdout\": \"\", \"stderr\": \"mlr: option \\\"-a\\\" missing argument(s).\\n\","
          + " \"truncated\": false}";

  /** {@code 403}: the access policy refused the run. */
  public static final String DENIED =
      "{\"type\": \"https://capenv.org/problems/run-denied\", \"title\": \"Run denied by policy\","
          + " \"status\": 403, \"detail\": \"The declared data classification is above the ceiling"
          + " the tool version is approved for.\", \"instance\": \"/api/runs\","
          + " \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\", \"errors\": [{\"field\":"
          + " \"policy\", \"message\": \"The declared data classification is above the ceiling the"
          + " tool version is approved for.\"}]}";

  /** {@code 422}: the request breaks the manifest's rules. */
  public static final String INVALID =
      "{\"type\": \"https://capenv.org/problems/validation\", \"title\": \"Invalid run request\","
          + " \"status\": 422, \"detail\": \"The request breaks 1 rule(s); see errors.\","
          + " \"instance\": \"/api/runs\", \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\","
          + " \"errors\": [{\"field\": \"/parameters/fields\","
          + " \"message\": \"pattern: does not match the pattern\"}]}";

  /** {@code 400}: the body is not JSON, or has an unknown field or a value of the wrong type. */
  public static final String MALFORMED =
      "{\"type\": \"https://capenv.org/problems/malformed-body\","
          + " \"title\": \"Malformed request body\", \"status\": 400,"
          + " \"detail\": \"The request body is not valid JSON.\", \"instance\": \"/api/runs\","
          + " \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  /** {@code 404}: no such run for this caller (whether or not it exists). */
  public static final String NOT_FOUND =
      "{\"type\": \"https://capenv.org/problems/run-not-found\", \"title\": \"Run not found\","
          + " \"status\": 404, \"detail\": \"There is no run with this id that you can see.\","
          + " \"instance\": \"/api/runs/"
          + RUN_ID
          + "\", \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  /** {@code 404}: no such tool version. */
  public static final String TOOL_NOT_FOUND =
      "{\"type\": \"https://capenv.org/problems/tool-version-not-found\","
          + " \"title\": \"Tool version not found\", \"status\": 404,"
          + " \"detail\": \"There is no tool version miller-cdr-stats@9.9.9.\","
          + " \"instance\": \"/api/runs\", \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  /** {@code 409}: the version exists but is not approved now (e.g. suspended). */
  public static final String NOT_RUNNABLE =
      "{\"type\": \"https://capenv.org/problems/tool-version-not-runnable\","
          + " \"title\": \"Tool version not runnable\", \"status\": 409,"
          + " \"detail\": \"miller-cdr-stats@1.0.0 is not approved for runs now.\","
          + " \"instance\": \"/api/runs\", \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  /** {@code 409}: the run has already ended. */
  public static final String ENDED =
      "{\"type\": \"https://capenv.org/problems/run-state\","
          + " \"title\": \"Not possible in this state\", \"status\": 409,"
          + " \"detail\": \"The run has already ended (COMPLETED).\","
          + " \"instance\": \"/api/runs/"
          + RUN_ID
          + "/cancel\", \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  /** {@code 403}: an auditor asking for a run's data. */
  public static final String FORBIDDEN =
      "{\"type\": \"https://capenv.org/problems/run-forbidden\", \"title\": \"Forbidden\","
          + " \"status\": 403, \"detail\": \"You may read this run's record but not its data.\","
          + " \"instance\": \"/api/runs/"
          + RUN_ID
          + "/logs\", \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  /** {@code 503}: the audit log could not record the action, so it did not happen. */
  /** A run just accepted: recorded and authorised, waiting for a launch worker. */
  public static final String RUN_PENDING =
      "{\"id\": \""
          + RUN_ID
          + "\", \"state\": \"PENDING\", \"tool\": \"miller-cdr-stats\", \"version\": \"1.0.0\","
          + " \"inputs\": [{\"name\": \"records\", \"sha256\": \""
          + SHA
          + "\", \"size\": 52311}], \"outputs\": [], \"owner\": \"norfolk.analyst\","
          + " \"force\": \"norfolk\", \"createdAt\": \"2026-11-25T10:00:00.000001Z\","
          + " \"auditEntries\": [{\"seq\": 1041, \"action\": \"run.requested\"},"
          + " {\"seq\": 1042, \"action\": \"policy.decided\"}]}";

  public static final String QUEUE_FULL =
      "{\"type\": \"https://capenv.org/problems/launch-queue-full\","
          + " \"title\": \"Too many runs waiting to launch\", \"status\": 503,"
          + " \"detail\": \"The platform is launching as many runs as it can take; this one was"
          + " not recorded. Try again later.\", \"instance\": \"/api/runs\","
          + " \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  public static final String BUSY =
      "{\"type\": \"https://capenv.org/problems/busy\", \"title\": \"Platform busy\","
          + " \"status\": 503, \"detail\": \"The platform is at capacity and did not carry out"
          + " this request. Try again later.\", \"instance\": \"/api/runs\","
          + " \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  public static final String AUDIT_UNAVAILABLE =
      "{\"type\": \"https://capenv.org/problems/audit-unavailable\","
          + " \"title\": \"Audit log unavailable\", \"status\": 503,"
          + " \"detail\": \"The run could not be recorded in the audit log, so it was not started."
          + " Try again later.\", \"instance\": \"/api/runs\","
          + " \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}";

  private RunApiExamples() {}
}
