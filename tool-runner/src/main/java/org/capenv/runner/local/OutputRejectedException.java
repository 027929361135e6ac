package org.capenv.runner.local;

/** The sandbox left something in {@code /out} that is not an acceptable output. */
final class OutputRejectedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  OutputRejectedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Machine-stable reason, e.g. {@code OutputLimitExceeded} or {@code OutputRejected}. */
  String reason() {
    return reason;
  }
}
