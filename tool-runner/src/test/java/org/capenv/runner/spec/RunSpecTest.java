package org.capenv.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RunSpecTest {
  private static final String HEX = "0123456789abcdef".repeat(4);

  /** Fields of a valid spec; each refusal case changes one. */
  record Fields(
      String runId,
      String tool,
      String version,
      List<String> argv,
      Map<String, String> env,
      List<StagedInput> inputs,
      List<DeclaredOutput> outputs,
      Optional<String> stdout) {
    RunSpec build() {
      return new RunSpec(
          runId,
          tool,
          version,
          ImageReference.parse("registry.example/tools/jq@sha256:" + HEX),
          argv,
          argv,
          env,
          inputs,
          outputs,
          new Resources(500, 64L << 20, Duration.ofSeconds(30)),
          new Limits(1024, 4096),
          stdout);
    }
  }

  static Fields valid() {
    return new Fields(
        "0b7c0d6e-54f1-4b1a-9a53-2f1e1d3c4b5a",
        "jq",
        "1.6-2",
        List.of("jq", "."),
        Map.of("LC_ALL", "C"),
        List.of(new StagedInput("doc.json", Path.of("/var/lib/capenv/blobs/ab"), HEX, 10)),
        List.of(new DeclaredOutput("out.json", 100)),
        Optional.of("out.json"));
  }

  @Test
  void validSpecIsImmutable() {
    RunSpec spec = valid().build();
    assertThat(spec.inputs().get(0).sandboxPath()).isEqualTo("/in/doc.json");
    assertThat(spec.output("out.json")).isPresent();
    List<String> argv = new ArrayList<>(List.of("jq"));
    Fields f = valid();
    RunSpec copy =
        new Fields(f.runId, f.tool, f.version, argv, f.env, f.inputs, f.outputs, f.stdout).build();
    argv.add("--injected");
    assertThat(copy.localArgv()).containsExactly("jq");
    assertThatThrownBy(() -> copy.localArgv().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("run id with a slash", f -> with(f, "run/1", null)),
        refusal("run id with ..", f -> with(f, "..", null)),
        refusal("run id too long", f -> with(f, "a".repeat(41), null)),
        refusal("tool name upper case", f -> with(f, null, "JQ")),
        refusal(
            "empty argv",
            f ->
                new Fields(
                    f.runId, f.tool, f.version, List.of(), f.env, f.inputs, f.outputs, f.stdout)),
        refusal(
            "NUL in argv",
            f ->
                new Fields(
                    f.runId,
                    f.tool,
                    f.version,
                    List.of("jq", "a\0b"),
                    f.env,
                    f.inputs,
                    f.outputs,
                    f.stdout)),
        refusal(
            "lower-case env name",
            f ->
                new Fields(
                    f.runId,
                    f.tool,
                    f.version,
                    f.argv,
                    Map.of("path", "/x"),
                    f.inputs,
                    f.outputs,
                    f.stdout)),
        refusal(
            "duplicate input",
            f ->
                new Fields(
                    f.runId,
                    f.tool,
                    f.version,
                    f.argv,
                    f.env,
                    List.of(f.inputs.get(0), f.inputs.get(0)),
                    f.outputs,
                    f.stdout)),
        refusal(
            "stdout to an undeclared output",
            f ->
                new Fields(
                    f.runId,
                    f.tool,
                    f.version,
                    f.argv,
                    f.env,
                    f.inputs,
                    f.outputs,
                    Optional.of("other"))));
  }

  static Arguments refusal(String name, UnaryOperator<Fields> change) {
    return Arguments.of(name, change);
  }

  static Fields with(Fields f, String runId, String tool) {
    return new Fields(
        runId == null ? f.runId : runId,
        tool == null ? f.tool : tool,
        f.version,
        f.argv,
        f.env,
        f.inputs,
        f.outputs,
        f.stdout);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refuses(String name, UnaryOperator<Fields> change) {
    Fields changed = change.apply(valid());
    assertThatThrownBy(changed::build).isInstanceOf(InvalidRunSpecException.class);
  }

  @ParameterizedTest(name = "input name {0}")
  @CsvSource({"../etc/passwd", "/etc/passwd", "a/b", ".hidden", "''", "'a b'"})
  void refusesUnsafeFileNames(String name) {
    assertThatThrownBy(() -> new StagedInput(name, Path.of("/blobs/x"), HEX, 1))
        .isInstanceOf(InvalidRunSpecException.class);
    assertThatThrownBy(() -> new DeclaredOutput(name, 1))
        .isInstanceOf(InvalidRunSpecException.class);
  }

  @ParameterizedTest(name = "host path {0}")
  @CsvSource({"relative/blob", "/blobs/../etc/passwd", "/blobs/./x"})
  void refusesUnsafeHostPaths(String path) {
    assertThatThrownBy(() -> new StagedInput("doc", Path.of(path), HEX, 1))
        .isInstanceOf(InvalidRunSpecException.class);
  }

  @Test
  void refusesBadHashesAndLimits() {
    assertThatThrownBy(() -> new StagedInput("doc", Path.of("/b"), HEX.toUpperCase(), 1))
        .isInstanceOf(InvalidRunSpecException.class);
    assertThatThrownBy(() -> new StagedInput("doc", Path.of("/b"), HEX, -1))
        .isInstanceOf(InvalidRunSpecException.class);
    assertThatThrownBy(() -> new DeclaredOutput("doc", 0))
        .isInstanceOf(InvalidRunSpecException.class);
    assertThatThrownBy(() -> new Resources(500, 64L << 20, Duration.ofMillis(10)))
        .isInstanceOf(InvalidRunSpecException.class);
    assertThatThrownBy(() -> new Resources(1, 64L << 20, Duration.ofSeconds(1)))
        .isInstanceOf(InvalidRunSpecException.class);
    assertThatThrownBy(() -> new Limits(0, 1)).isInstanceOf(InvalidRunSpecException.class);
  }

  @ParameterizedTest(name = "{0} millicores over {1} s -> {2} CPU s")
  @CsvSource({"1000, 30, 30", "500, 30, 15", "100, 20, 2", "10, 1, 1", "2500, 4, 10"})
  void cpuBudget(long millicores, long seconds, long expected) {
    assertThat(new Resources(millicores, 64L << 20, Duration.ofSeconds(seconds)).cpuSecondsBudget())
        .isEqualTo(expected);
  }
}
