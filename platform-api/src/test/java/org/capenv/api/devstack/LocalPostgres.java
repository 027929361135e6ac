package org.capenv.api.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL 17 for the local stack ({@code ./capenv up}) until the process is sent
 * SIGTERM. Its data folder is kept between runs, so a restart keeps the data. Listens on the
 * loopback interface only.
 *
 * <p>Arguments: {@code <data dir> <port>}. Prints {@code READY <jdbc url>} once it accepts
 * connections.
 */
public final class LocalPostgres {
  private LocalPostgres() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: LocalPostgres <data dir> <port>");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    Files.createDirectories(dataDir);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (IOException e) {
                    System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
                  }
                  stopped.countDown();
                },
                "postgres-stop"));
    System.out.println("READY " + postgres.getJdbcUrl("postgres", "postgres"));
    System.out.flush();
    stopped.await();
  }
}
