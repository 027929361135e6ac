package org.capenv.runner.stage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP(S) peer answering the stager with scripted responses, for what the real staging
 * API (tested against the stager in platform-api) cannot be made to do: serve bytes other than the
 * recorded ones, answer 401 before a launch commits, fail, or present a chosen certificate. It
 * records every request it receives.
 */
final class ScriptedStagingPeer implements AutoCloseable {
  /** A request as received. */
  record Received(String method, String path, String authorization, byte[] body) {}

  /** A scripted answer. */
  record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> script = new HashMap<>();
  final List<Received> requests = new CopyOnWriteArrayList<>();

  private ScriptedStagingPeer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  static ScriptedStagingPeer http() throws IOException {
    return new ScriptedStagingPeer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  static ScriptedStagingPeer https(SSLContext tls) throws IOException {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new ScriptedStagingPeer(server);
  }

  String url(String scheme) {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues an answer for the next request to {@code path}. */
  ScriptedStagingPeer answer(String path, int status, Map<String, String> headers, byte[] body) {
    script.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Answer(status, headers, body));
    return this;
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = exchange.getRequestURI().getRawPath();
      requests.add(
          new Received(
              exchange.getRequestMethod(),
              path,
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      Deque<Answer> answers = script.get(path);
      Answer answer =
          answers == null || answers.isEmpty()
              ? new Answer(404, Map.of(), new byte[0])
              : answers.poll();
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(
          answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
      if (answer.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
