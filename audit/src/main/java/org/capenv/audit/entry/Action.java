package org.capenv.audit.entry;

/**
 * What was done. Each action has a stable dotted code (the canonical form) and, where it is a
 * processing of data in the s.62 sense, the operation kind it implies by default.
 */
public enum Action {
  DATA_COLLECTED("data.collected", OperationKind.COLLECTION),
  DATA_ALTERED("data.altered", OperationKind.ALTERATION),
  DATA_CONSULTED("data.consulted", OperationKind.CONSULTATION),
  DATA_DISCLOSED("data.disclosed", OperationKind.DISCLOSURE),
  DATA_COMBINED("data.combined", OperationKind.COMBINATION),
  DATA_ERASED("data.erased", OperationKind.ERASURE),
  RUN_REQUESTED("run.requested", OperationKind.COLLECTION),
  RUN_DENIED("run.denied", null),
  RUN_LAUNCHED("run.launched", OperationKind.COMBINATION),
  RUN_COMPLETED("run.completed", OperationKind.COMBINATION),
  RUN_FAILED("run.failed", OperationKind.COMBINATION),
  RUN_CANCELLED("run.cancelled", null),
  OUTPUT_DISCLOSED("output.disclosed", OperationKind.DISCLOSURE),
  TOOL_VERSION_SUBMITTED("tool.version.submitted", null),
  TOOL_VERSION_REVIEWED("tool.version.reviewed", null),
  TOOL_VERSION_APPROVED("tool.version.approved", null),
  TOOL_VERSION_REJECTED("tool.version.rejected", null),
  TOOL_VERSION_SUSPENDED("tool.version.suspended", null),
  TOOL_VERSION_RETIRED("tool.version.retired", null),
  POLICY_DECIDED("policy.decided", null),
  CONFIG_CHANGED("config.changed", null),
  AUDIT_QUERIED("audit.queried", OperationKind.CONSULTATION),
  AUDIT_EXPORTED("audit.exported", OperationKind.DISCLOSURE),
  LOGIN("login", null);

  private final String code;
  private final OperationKind defaultOperation;

  Action(String code, OperationKind defaultOperation) {
    this.code = code;
    this.defaultOperation = defaultOperation;
  }

  /** The canonical form, e.g. {@code run.requested}. */
  public String code() {
    return code;
  }

  /** The s.62 operation implied by this action, or {@code null} if it is not a processing. */
  public OperationKind defaultOperation() {
    return defaultOperation;
  }

  public static Action fromCode(String code) {
    for (Action a : values()) {
      if (a.code.equals(code)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown action: " + code);
  }
}
