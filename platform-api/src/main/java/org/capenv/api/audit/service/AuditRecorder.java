package org.capenv.api.audit.service;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.function.Supplier;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.security.Vetting;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Actor;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.store.Appended;
import org.capenv.audit.store.PostgresAuditStore;
import org.hibernate.Session;

/**
 * The one way the platform writes audit entries. {@link #append} joins the caller's transaction, so
 * that a business change and its audit entries commit or roll back together: no audit entry, no
 * action. {@link #appendDurable} commits on its own, for refusals that must be on record although
 * the action they refused never happens.
 *
 * <p>Each append is timed into the histogram {@code capenv.audit.append.duration} (seconds, by
 * {@code capenv.audit.mode} {@code transaction} or {@code durable} and {@code capenv.audit.outcome}
 * {@code ok} or {@code error}); a no-op unless the OpenTelemetry SDK is enabled.
 */
@ApplicationScoped
public class AuditRecorder {
  private static final int MAX_USER_AGENT = 256;
  private static final AttributeKey<String> MODE = AttributeKey.stringKey("capenv.audit.mode");
  private static final AttributeKey<String> OUTCOME =
      AttributeKey.stringKey("capenv.audit.outcome");

  @Inject PostgresAuditStore store;
  @Inject EntityManager entityManager;
  @Inject CurrentVertxRequest currentRequest;

  private final DoubleHistogram appendDuration;

  @Inject
  AuditRecorder(OpenTelemetry openTelemetry) {
    appendDuration =
        openTelemetry
            .getMeter("org.capenv.audit")
            .histogramBuilder("capenv.audit.append.duration")
            .setDescription("Time to append entries to the audit log, by mode and outcome")
            .setUnit("s")
            .build();
  }

  /** An entry for {@code action} by {@code caller}, with the request's trace id and origin. */
  public AuditEntry.Builder entry(Action action, CallerIdentity caller) {
    return entry(action, actor(caller));
  }

  /** An entry for {@code action} by {@code actor}, with the request's trace id and origin. */
  public AuditEntry.Builder entry(Action action, Actor actor) {
    AuditEntry.Builder builder = AuditEntry.builder(action, actor);
    SpanContext span = Span.current().getSpanContext();
    if (span.isValid()) {
      builder.traceId(span.getTraceId());
    }
    RoutingContext context = currentRequest.getCurrent();
    if (context != null) {
      HttpServerRequest request = context.request();
      SocketAddress remote = request.remoteAddress();
      String userAgent = request.getHeader("User-Agent");
      if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
        userAgent = userAgent.substring(0, MAX_USER_AGENT);
      }
      builder.origin(remote == null ? null : remote.hostAddress(), userAgent);
    }
    return builder;
  }

  /** The audit actor for a caller: who they are as their token says. */
  public static Actor actor(CallerIdentity caller) {
    return new Actor(
        caller.subject(),
        caller.username(),
        caller.force().orElse(null),
        caller.clientId().orElse(null),
        List.copyOf(caller.roles()),
        caller.vetting() == Vetting.NONE ? null : caller.vetting().name());
  }

  /**
   * Appends within the current transaction, on the transaction's own connection. Any failure
   * propagates and rolls the whole transaction back.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Appended> append(List<AuditEntry> entries) {
    entityManager.flush();
    return timed(
        "transaction",
        () ->
            entityManager
                .unwrap(Session.class)
                .doReturningWork(connection -> store.appendInTransaction(connection, entries)));
  }

  /** Appends and commits at once, independent of any transaction of the caller. */
  public List<Appended> appendDurable(List<AuditEntry> entries) {
    return timed("durable", () -> store.appendDurable(entries));
  }

  private List<Appended> timed(String mode, Supplier<List<Appended>> append) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      List<Appended> appended = append.get();
      outcome = "ok";
      return appended;
    } finally {
      appendDuration.record(
          (System.nanoTime() - start) / 1e9, Attributes.of(MODE, mode, OUTCOME, outcome));
    }
  }
}
