package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.capenv.runner.RunnerException;

/**
 * Retries Kubernetes API calls with exponential backoff where that is safe.
 *
 * <p>Retried: 5xx, 429 and timeouts or connection failures (no HTTP status), which can succeed
 * later. Not retried: 400, 401, 403, 404, 409, 422, which will not change by waiting; they end the
 * operation at once with a message naming the operation and the status. Every object this runner
 * creates has a name derived from the run id, so retrying a create whose first attempt did land
 * gets 409 from the API server instead of making a second object.
 */
final class ApiRetry {
  private static final System.Logger LOG = System.getLogger(ApiRetry.class.getName());

  private final int maxAttempts;
  private final Duration initialBackoff;

  ApiRetry(int maxAttempts, Duration initialBackoff) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
  }

  <T> T call(String operation, Supplier<T> call) {
    long backoff = initialBackoff.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        if (!retryable(e) || attempt >= maxAttempts) {
          throw new RunnerException(describe(operation, e, attempt), e);
        }
        LOG.log(
            Level.WARNING,
            operation + " failed (" + statusOf(e) + "), attempt " + attempt + " of " + maxAttempts);
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunnerException(operation + " interrupted", e);
      }
      backoff = Math.min(backoff * 2, 10_000);
    }
  }

  static boolean retryable(KubernetesClientException e) {
    int code = e.getCode();
    return code >= 500 || code == 429 || (code <= 0 && isTransport(e));
  }

  static boolean isConflict(Throwable e) {
    return e instanceof KubernetesClientException k && k.getCode() == 409
        || e.getCause() instanceof KubernetesClientException c && c.getCode() == 409;
  }

  static boolean isNotFound(Throwable e) {
    return e instanceof KubernetesClientException k && k.getCode() == 404
        || e.getCause() instanceof KubernetesClientException c && c.getCode() == 404;
  }

  private static boolean isTransport(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String statusOf(KubernetesClientException e) {
    return e.getCode() <= 0 ? "no response: " + rootMessage(e) : "HTTP " + e.getCode();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
  }

  private static String describe(String operation, KubernetesClientException e, int attempts) {
    String why =
        switch (e.getCode()) {
          case 401, 403 -> "the platform's service account is not allowed to do this";
          case 404 -> "not found (is the namespace right?)";
          case 409 -> "conflict";
          case 400, 422 -> "rejected by the API server (admission policy or invalid object)";
          default -> "API server unavailable";
        };
    return operation + " failed after " + attempts + " attempt(s): " + statusOf(e) + ", " + why;
  }
}
