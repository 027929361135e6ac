package org.capenv.runner.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;

/**
 * The terminal record of a local run on disk: status, outputs with hashes, log totals. Written
 * atomically (temp file, then rename) after logs and outputs were captured, so a platform restart
 * finds either a complete record or none.
 */
final class RunRecord {
  static final String FILE = "run.properties";

  private RunRecord() {}

  static void write(Path runDir, RunStatus status, List<RunOutput> outputs, RunLogs logs)
      throws IOException {
    Files.write(runDir.resolve("stdout.log"), logs.stdout());
    Files.write(runDir.resolve("stderr.log"), logs.stderr());
    Properties p = new Properties();
    p.setProperty("state", status.state().name());
    p.setProperty("reason", status.reason());
    p.setProperty("message", status.message());
    p.setProperty("at", status.at().toString());
    status.exitCode().ifPresent(code -> p.setProperty("exitCode", Integer.toString(code)));
    p.setProperty("stdoutTotal", Long.toString(logs.stdoutTotalBytes()));
    p.setProperty("stderrTotal", Long.toString(logs.stderrTotalBytes()));
    p.setProperty("outputs", Integer.toString(outputs.size()));
    for (int i = 0; i < outputs.size(); i++) {
      RunOutput output = outputs.get(i);
      p.setProperty("output." + i + ".name", output.name());
      p.setProperty("output." + i + ".sha256", output.sha256());
      p.setProperty("output." + i + ".size", Long.toString(output.size()));
    }
    Path temp = runDir.resolve(FILE + ".tmp");
    try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      p.store(out, null);
    }
    Files.move(temp, runDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
  }

  static Optional<Properties> read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  static RunStatus status(String runId, Properties p) {
    Optional<Integer> exit = Optional.ofNullable(p.getProperty("exitCode")).map(Integer::valueOf);
    return new RunStatus(
        runId,
        RunState.valueOf(p.getProperty("state")),
        exit,
        p.getProperty("reason"),
        p.getProperty("message"),
        Instant.parse(p.getProperty("at")));
  }

  static List<RunOutput> outputs(Path runDir, Properties p) {
    List<RunOutput> outputs = new ArrayList<>();
    int count = Integer.parseInt(p.getProperty("outputs", "0"));
    for (int i = 0; i < count; i++) {
      String name = p.getProperty("output." + i + ".name");
      outputs.add(
          new RunOutput(
              name,
              p.getProperty("output." + i + ".sha256"),
              Long.parseLong(p.getProperty("output." + i + ".size")),
              Optional.of(runDir.resolve("out").resolve(name))));
    }
    return List.copyOf(outputs);
  }

  static RunLogs logs(Path runDir, Properties p) throws IOException {
    return new RunLogs(
        Files.readAllBytes(runDir.resolve("stdout.log")),
        Files.readAllBytes(runDir.resolve("stderr.log")),
        Long.parseLong(p.getProperty("stdoutTotal", "0")),
        Long.parseLong(p.getProperty("stderrTotal", "0")));
  }
}
