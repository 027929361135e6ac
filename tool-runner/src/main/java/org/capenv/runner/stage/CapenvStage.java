package org.capenv.runner.stage;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The {@code capenv-stage} program of the stager image: {@code fetch} in the {@code stage-in}
 * container, {@code upload} in {@code stage-out} (arguments: {@link StageArguments#USAGE}).
 *
 * <p>Exit status 0 on success, otherwise one of the {@link StageException} codes with one line on
 * standard error saying what was refused; the container log is that line, never a stack trace or a
 * token.
 */
public final class CapenvStage {
  private CapenvStage() {}

  public static void main(String[] args) {
    System.exit(run(args, System.err, StagingClient.DEFAULT_RETRY));
  }

  /**
   * Runs one command in-process.
   *
   * @param args the container's arguments
   * @param log where progress and the failure go
   * @param retry how long a 401 (tokens not yet committed) or a refused connection is retried
   * @return the exit status
   */
  public static int run(String[] args, PrintStream log, Duration retry) {
    try {
      StageCommand command = StageArguments.parse(args);
      StagingClient client = new StagingClient(command.target(), retry);
      if (command instanceof FetchOptions fetch) {
        new Fetcher(fetch, client, log).run();
      } else {
        new Uploader((UploadOptions) command, client, log).run();
      }
      return 0;
    } catch (StageException e) {
      log.println("capenv-stage: " + e.getMessage());
      if (e.exitCode() == StageException.USAGE) {
        log.println(StageArguments.USAGE);
      }
      return e.exitCode();
    } catch (RuntimeException e) {
      log.println("capenv-stage: internal error " + e.getClass().getSimpleName());
      return StageException.INTERNAL;
    }
  }
}
