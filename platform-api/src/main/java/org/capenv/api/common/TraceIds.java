package org.capenv.api.common;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The trace id to print in an error body, so an operator can find the log line and the trace. */
final class TraceIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TraceIds() {}

  /**
   * The current OpenTelemetry trace id, or a fresh random id of the same form when tracing is off
   * (the caller still gets an id that matches the ERROR log line).
   */
  static String current() {
    SpanContext context = Span.current().getSpanContext();
    if (context.isValid()) {
      return context.getTraceId();
    }
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
