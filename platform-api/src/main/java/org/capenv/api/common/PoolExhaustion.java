package org.capenv.api.common;

import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * Recognises a database connection pool that had no connection to give within its acquisition
 * timeout, and the 503 the caller gets for it: the platform is busy, not broken, and nothing of the
 * request was written (it never had a connection to write with).
 *
 * <p>Agroal signals the timeout with a plain {@link SQLException} whose message is its only mark
 * ("Sorry, acquisition timeout!" waiting for a pooled connection, "Acquisition timeout while
 * waiting for new connection" while the pool grows); Hibernate and the transaction manager may wrap
 * it, so the whole cause chain is searched.
 */
public final class PoolExhaustion {
  /** The problem type of a request refused because the platform is busy. */
  public static final URI TYPE = URI.create("https://capenv.org/problems/busy");

  /** How long a caller refused for lack of a database connection is asked to wait. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private static final String AGROAL_TIMEOUT = "acquisition timeout";

  private PoolExhaustion() {}

  /** True if {@code failure}, or one of its causes, is the pool's acquisition timeout. */
  public static boolean causedBy(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof SQLException sql
          && sql.getMessage() != null
          && sql.getMessage().toLowerCase(Locale.ROOT).contains(AGROAL_TIMEOUT)) {
        return true;
      }
    }
    return false;
  }

  /** The 503 problem for a request that could not get a database connection in time. */
  public static ProblemException problem() {
    return new ProblemException(
            Status.SERVICE_UNAVAILABLE,
            TYPE,
            "Platform busy",
            "The platform is at capacity and did not carry out this request. Try again later.")
        .retryAfter(RETRY_AFTER);
  }
}
