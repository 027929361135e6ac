package org.capenv.runner.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.capenv.runner.RunStatus;
import org.capenv.runner.local.LocalSandboxConfig;
import org.capenv.runner.local.LocalSandboxRunner;
import org.capenv.runner.spec.RunSpec;

/** A real local sandbox runner over a temporary state folder, recording every status it emits. */
public final class SandboxFixture implements AutoCloseable {
  public final Path stateDir;
  public final Path staging;
  public final LocalSandboxRunner runner;
  public final List<RunStatus> events = new CopyOnWriteArrayList<>();

  public SandboxFixture(Path tempDir) throws IOException {
    this(tempDir, cfg -> cfg);
  }

  public SandboxFixture(Path tempDir, UnaryOperator<LocalSandboxConfig> tweak) throws IOException {
    // the sandbox runs as uid 65534 and must traverse down to its binds
    Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwx--x--x"));
    stateDir = tempDir.resolve("state");
    staging = Files.createDirectories(tempDir.resolve("staging"));
    runner = new LocalSandboxRunner(tweak.apply(LocalSandboxConfig.defaults(stateDir)));
    runner.addListener(events::add);
  }

  /** Launches and waits for the terminal status. */
  public RunStatus run(RunSpec spec) throws InterruptedException {
    runner.launch(spec);
    return runner.await(spec.runId(), 60_000);
  }

  @Override
  public void close() {
    runner.close();
  }
}
