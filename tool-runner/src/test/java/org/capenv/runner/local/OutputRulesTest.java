package org.capenv.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.support.SandboxFixture;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a tool may leave in /out: only declared regular files within their limits. */
class OutputRulesTest {
  @TempDir static Path temp;
  static SandboxFixture sandbox;

  @BeforeAll
  static void start() throws Exception {
    sandbox = new SandboxFixture(temp);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "symlink to a host file   | ln -s /etc/passwd /out/report                    | OutputRejected      | symbolic link",
        "symlink to a directory   | ln -s /in /out/report                            | OutputRejected      | symbolic link",
        "FIFO                     | mkfifo /out/report                               | OutputRejected      | special file",
        "directory                | mkdir /out/report                                | OutputRejected      | directory",
        "hard link                | echo x > /out/report && ln /out/report /out/copy | OutputRejected      | hard link",
        "undeclared file          | echo x > /out/other                              | OutputRejected      | not a declared output",
        "file over its own limit  | head -c 1200 /dev/zero > /out/report             | OutputLimitExceeded | 1200 bytes, limit 1024",
        "total over the run limit | head -c 1000 /dev/zero > /out/report; cp /out/report /out/second | OutputLimitExceeded | limit 1500",
      })
  void refusedOutputsFailTheRun(String name, String script, String reason, String message)
      throws Exception {
    RunSpec spec =
        Specs.spec("sh", "-c", script)
            .output("report", 1024)
            .output("second", 1024)
            .outputMax(1500)
            .build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.FAILED);
    assertThat(status.reason()).isEqualTo(reason);
    assertThat(status.message()).contains(message);
    assertThat(sandbox.runner.outputs(spec.runId())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "declared file within limits | printf abc > /out/report | 1",
        "declared file absent        | true                     | 0",
      })
  void acceptedOutputs(String name, String script, int count) throws Exception {
    RunSpec spec = Specs.spec("sh", "-c", script).output("report", 1024).build();
    RunStatus status = sandbox.run(spec);
    assertThat(status.state()).as(status::toString).isEqualTo(RunState.SUCCEEDED);
    assertThat(sandbox.runner.outputs(spec.runId())).hasSize(count);
    if (count == 1) {
      assertThat(sandbox.runner.outputs(spec.runId()).get(0).sha256())
          .isEqualTo(Specs.sha256("abc".getBytes()));
    }
  }

  @RepeatedTest(40)
  void aToolsWholeStandardOutputIsKeptWhenItExitsRightAfterWritingIt() throws Exception {
    // the last 64 KiB are still in the pipe when the tool exits: the supervisor must not close
    // the pipe under the pump (it did, through Process.destroy, about once in a hundred runs)
    RunSpec spec =
        Specs.spec("head", "-c", "4000000", "/dev/zero").stdoutTo("zeros", 8_000_000).build();

    RunStatus status = sandbox.run(spec);

    assertThat(status.state()).as(status::toString).isEqualTo(RunState.SUCCEEDED);
    assertThat(sandbox.runner.outputs(spec.runId()))
        .singleElement()
        .satisfies(output -> assertThat(output.size()).isEqualTo(4_000_000));
  }
}
