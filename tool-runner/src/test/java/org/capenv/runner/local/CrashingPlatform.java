package org.capenv.runner.local;

import java.nio.file.Path;
import java.time.Duration;
import org.capenv.runner.RunStatus;
import org.capenv.runner.support.Specs;

/**
 * A platform process that launches a long run and waits to be killed: the test kills it with
 * SIGKILL to simulate a crash, then starts a new runner on the same state folder.
 */
public final class CrashingPlatform {
  private CrashingPlatform() {}

  public static void main(String[] args) throws Exception {
    LocalSandboxRunner runner =
        new LocalSandboxRunner(LocalSandboxConfig.defaults(Path.of(args[0])));
    RunStatus status =
        runner.launch(
            Specs.spec("sleep", args[2]).runId(args[1]).timeout(Duration.ofSeconds(600)).build());
    System.out.println("LAUNCHED " + status);
    System.out.flush();
    Thread.sleep(600_000);
  }
}
