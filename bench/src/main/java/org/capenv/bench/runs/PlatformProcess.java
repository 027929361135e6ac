package org.capenv.bench.runs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged platform ({@code quarkus-app/quarkus-run.jar}) as a child process. */
final class PlatformProcess implements AutoCloseable {
  /**
   * Extra options for the platform's JVM, separated by spaces (e.g. a flight recording): the system
   * property {@value}.
   */
  static final String JVM_OPTIONS = "capenv.bench.platformJvmOptions";

  private final Process process;
  private final URI base;

  private PlatformProcess(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** Starts the jar with these system properties and waits until it reports ready. */
  /** The platform's process, e.g. to read its CPU time. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  static PlatformProcess start(Path jar, Map<String, String> config, Path log, String heap)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    for (String option : System.getProperty(JVM_OPTIONS, "").trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PlatformProcess platform = new PlatformProcess(process, URI.create("http://127.0.0.1:" + port));
    platform.awaitReady(Duration.ofMinutes(5), log);
    return platform;
  }

  URI base() {
    return base;
  }

  private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("the platform exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> ready =
            http.send(
                HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    close();
    throw new IOException("the platform was not ready within " + timeout + "; see " + log);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
