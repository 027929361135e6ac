package org.capenv.api.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged platform ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package})
 * started as an operator would: the default (prod) profile, configured by system properties.
 */
public final class PlatformServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private PlatformServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PlatformServer start(Path jar, int port, Map<String, String> config, Path workDir)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no packaged platform at " + jar);
    }
    Processes.requireFree(port);
    Path log = workDir.resolve("platform.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PlatformServer server = new PlatformServer(process, port);
    try {
      Processes.awaitHttpOk(
          process, URI.create(server.url() + "/q/health/ready"), Duration.ofMinutes(5), log);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() {
    Processes.stop(process);
  }
}
