package org.capenv.runner.stage;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * HTTP to the platform's staging API with the run's bearer token.
 *
 * <p>Two things are retried, for a bounded time, because neither can have consumed a grant: a
 * connection that could not be opened (the platform restarting), and a 401, which the platform
 * answers in the milliseconds between the Job's creation and the commit of the run's tokens (ADR
 * 0085). Anything else is final: a grant is consumed before any byte moves, so a retried fetch or
 * upload would only meet "token used".
 */
final class StagingClient {
  /** How long a 401 or a refused connection is retried by the command-line program. */
  static final Duration DEFAULT_RETRY = Duration.ofSeconds(30);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(120);
  private static final int PROBLEM_BYTES = 4096;

  private final HttpClient http;
  private final StagingTarget target;
  private final String authorization;
  private final Duration retry;

  StagingClient(StagingTarget target, Duration retry) throws StageException {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT);
    if (target.caFile().isPresent()) {
      builder.sslContext(TrustedCertificates.context(target.caFile().get()));
    }
    this.http = builder.build();
    this.target = target;
    this.authorization = "Bearer " + TokenFile.read(target.tokenFile());
    this.retry = retry;
  }

  /** {@code GET} of one input; the caller closes the body. */
  HttpResponse<InputStream> fetch(String name) throws StageException {
    URI uri = target.resource("inputs", name);
    return send(
        () ->
            HttpRequest.newBuilder(uri)
                .timeout(RESPONSE_TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/octet-stream, application/problem+json")
                .GET()
                .build(),
        HttpResponse.BodyHandlers.ofInputStream(),
        "fetch input " + name);
  }

  /** {@code PUT} of one output from {@code body}, exactly {@code size} bytes long. */
  HttpResponse<InputStream> upload(String name, Supplier<InputStream> body, long size)
      throws StageException {
    URI uri = target.resource("outputs", name);
    return send(
        () ->
            HttpRequest.newBuilder(uri)
                .timeout(RESPONSE_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/octet-stream")
                .header("Accept", "application/json, application/problem+json")
                .PUT(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(body), size))
                .build(),
        HttpResponse.BodyHandlers.ofInputStream(),
        "upload output " + name);
  }

  private HttpResponse<InputStream> send(
      Supplier<HttpRequest> request, HttpResponse.BodyHandler<InputStream> handler, String what)
      throws StageException {
    Instant deadline = Instant.now().plus(retry);
    long pause = 100;
    while (true) {
      HttpResponse<InputStream> response;
      try {
        response = http.send(request.get(), handler);
      } catch (ConnectException | HttpConnectTimeoutException e) {
        if (Instant.now().plus(Duration.ofMillis(pause)).isAfter(deadline)) {
          throw new StageException(
              StageException.UNAVAILABLE,
              "cannot " + what + ": cannot connect to " + target.url() + " (" + reason(e) + ")");
        }
        pause = sleep(pause);
        continue;
      } catch (SSLException e) {
        throw new StageException(
            StageException.UNAVAILABLE,
            "cannot " + what + ": TLS with " + target.url() + " failed (" + reason(e) + ")");
      } catch (IOException e) {
        throw new StageException(
            StageException.UNAVAILABLE, "cannot " + what + ": " + reason(e), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StageException(StageException.UNAVAILABLE, "interrupted: " + what);
      }
      if (response.statusCode() != 401
          || Instant.now().plus(Duration.ofMillis(pause)).isAfter(deadline)) {
        return response;
      }
      discard(response);
      pause = sleep(pause);
    }
  }

  /** The refusal of a request that did not get its expected status, as the platform stated it. */
  static StageException refusal(String what, HttpResponse<InputStream> response) {
    int status = response.statusCode();
    String detail = problem(response);
    String message =
        "cannot "
            + what
            + ": the staging API answered "
            + status
            + (detail.isEmpty() ? "" : " ")
            + detail;
    return new StageException(
        status >= 500 ? StageException.UNAVAILABLE : StageException.REFUSED, message);
  }

  /** {@code type}, {@code title} and {@code detail} of a problem document, or nothing. */
  private static String problem(HttpResponse<InputStream> response) {
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readNBytes(PROBLEM_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
    try {
      if (Json.parse(body) instanceof Map<?, ?> problem) {
        StringBuilder text = new StringBuilder();
        for (String key : new String[] {"type", "title", "detail"}) {
          if (problem.get(key) instanceof String value) {
            text.append(text.length() == 0 ? "" : "; ").append(value);
          }
        }
        return StageArguments.printable(text.toString());
      }
    } catch (IllegalArgumentException notJson) {
      // not a problem document: its first line is all that is shown
    }
    return StageArguments.printable(body.lines().findFirst().orElse(""));
  }

  private static void discard(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.readNBytes(PROBLEM_BYTES);
    } catch (IOException e) {
      // the connection is dropped with the stream; nothing of it is needed
    }
  }

  private static long sleep(long pause) throws StageException {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StageException(StageException.UNAVAILABLE, "interrupted while retrying");
    }
    return Math.min(pause * 2, 2000);
  }

  private static String reason(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null ? "" : ": " + StageArguments.printable(message));
  }
}
