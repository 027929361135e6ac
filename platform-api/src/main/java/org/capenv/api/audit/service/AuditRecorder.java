package org.capenv.api.audit.service;

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
 */
@ApplicationScoped
public class AuditRecorder {
  private static final int MAX_USER_AGENT = 256;

  @Inject PostgresAuditStore store;
  @Inject EntityManager entityManager;
  @Inject CurrentVertxRequest currentRequest;

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
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(connection -> store.appendInTransaction(connection, entries));
  }

  /** Appends and commits at once, independent of any transaction of the caller. */
  public List<Appended> appendDurable(List<AuditEntry> entries) {
    return store.appendDurable(entries);
  }
}
