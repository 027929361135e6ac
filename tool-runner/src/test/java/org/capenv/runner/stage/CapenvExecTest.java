package org.capenv.runner.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capenv-exec} compiled from its source with gcc, statically, and run for real: once as
 * shipped (output folder {@code /out}) to check it builds without warnings into a static binary,
 * and once with the output folder moved to a temporary one to run it.
 */
class CapenvExecTest {
  private static final Path SOURCE = Path.of("src", "main", "c", "capenv-exec.c");

  @TempDir static Path build;
  private static Path exec;
  private static Path out;

  @BeforeAll
  static void compile() throws Exception {
    out = Files.createDirectory(build.resolve("out"));
    exec = build.resolve("capenv-exec-test");
    gcc("-DCAPENV_OUT_DIR=\"" + out + "\"", "-o", exec.toString());
  }

  @BeforeEach
  void emptyOut() throws IOException {
    try (var entries = Files.list(out)) {
      for (Path entry : entries.toList()) {
        Files.delete(entry);
      }
    }
  }

  @Test
  void theShippedBuildIsStaticAndWarningFree() throws Exception {
    Path shipped = build.resolve("capenv-exec");
    gcc("-o", shipped.toString());
    assertThat(hasInterpreter(shipped)).as("a dynamic loader (PT_INTERP) in the binary").isFalse();
  }

  @Test
  void theToolsStandardOutputLandsInTheFileAndArgumentsPassLiterally() throws Exception {
    Result result =
        run("--stdout", out + "/summary.json", "--", "/bin/echo", "a;b", "$(id)", "*", "|", "`x`");
    assertThat(result.status).isZero();
    assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("a;b $(id) * | `x`\n");
    assertThat(Files.getPosixFilePermissions(out.resolve("summary.json")).toString())
        .contains("OWNER_WRITE")
        .doesNotContain("GROUP_WRITE", "OTHERS_WRITE");
  }

  @Test
  void aProgramWithoutSlashIsFoundInPathWithoutAShell() throws Exception {
    Result result = run("--stdout", out + "/listing", "--", "printf", "%s-%s", "$HOME", ";ls");
    assertThat(result.status).isZero();
    assertThat(Files.readString(out.resolve("listing"))).isEqualTo("$HOME-;ls");
  }

  @Test
  void theToolsExitStatusIsTheContainers() throws Exception {
    assertThat(run("--stdout", out + "/r", "--", "/bin/sh", "-c", "echo partial; exit 42").status)
        .isEqualTo(42);
    assertThat(Files.readString(out.resolve("r"))).isEqualTo("partial\n");
  }

  @Test
  void anExistingFileIsNeverOverwritten() throws Exception {
    Files.writeString(out.resolve("summary"), "earlier");
    Result result = run("--stdout", out + "/summary", "--", "/bin/echo", "later");
    assertThat(result.status).isEqualTo(125);
    assertThat(result.stderr).contains("cannot create").contains("File exists");
    assertThat(Files.readString(out.resolve("summary"))).isEqualTo("earlier");
  }

  @Test
  void aSymbolicLinkIsNotFollowedEvenWhenItsTargetDoesNotExistYet() throws Exception {
    Path outside = build.resolve("outside-" + System.nanoTime());
    Files.createSymbolicLink(out.resolve("summary"), outside);
    Result result = run("--stdout", out + "/summary", "--", "/bin/echo", "escaped");
    assertThat(result.status).isEqualTo(125);
    assertThat(outside).doesNotExist();
  }

  @Test
  void onlyAPlainNameDirectlyInTheOutputFolderIsAccepted() throws Exception {
    for (String file :
        List.of(
            out + "/../escaped",
            out + "/sub/x",
            out + "/.hidden",
            out + "/",
            "/etc/x",
            out + "x/y",
            out + "/bad name")) {
      Result result = run("--stdout", file, "--", "/bin/echo", "x");
      assertThat(result.status).as(file).isEqualTo(125);
      assertThat(result.stderr).as(file).contains("--stdout must be");
    }
    assertThat(build.resolve("escaped")).doesNotExist();
    assertThat(run("/bin/echo", "x").status).isEqualTo(125);
    assertThat(run("--stdout", out + "/x", "/bin/echo", "x").status).isEqualTo(125);
  }

  @Test
  void aMissingOrUnexecutableProgramFailsAndLeavesNoOutput() throws Exception {
    Result missing = run("--stdout", out + "/a", "--", "no-such-tool-anywhere");
    assertThat(missing.status).isEqualTo(127);
    assertThat(missing.stderr).contains("no-such-tool-anywhere");
    // a text file without #!: execvp would hand it to /bin/sh, capenv-exec does not
    Path script = build.resolve("script-" + System.nanoTime());
    Files.writeString(script, "touch " + build.resolve("ran-by-a-shell") + "\n");
    script.toFile().setExecutable(true);
    Result notBinary = run("--stdout", out + "/b", "--", script.toString());
    assertThat(notBinary.status).isEqualTo(126);
    assertThat(build.resolve("ran-by-a-shell")).doesNotExist();
    assertThat(out.resolve("a")).doesNotExist();
    assertThat(out.resolve("b")).doesNotExist();
  }

  private record Result(int status, String stderr) {}

  private static Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(exec.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("capenv-exec did not finish within 10 s");
    }
    return new Result(process.exitValue(), stderr);
  }

  private static void gcc(String... args) throws Exception {
    Optional<Path> gcc = onPath("gcc");
    if (gcc.isEmpty()) {
      fail("gcc is required to build and test capenv-exec (apt-get install gcc libc6-dev)");
    }
    List<String> command =
        new ArrayList<>(List.of(gcc.get().toString(), "-static", "-O2", "-Wall", "-Wextra"));
    command.add("-Werror");
    command.addAll(List.of(args));
    command.add(SOURCE.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gcc finished").isTrue();
    assertThat(process.exitValue()).as("gcc: " + output).isZero();
  }

  private static Optional<Path> onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Whether an ELF64 little-endian binary names a dynamic loader (program header PT_INTERP). */
  private static boolean hasInterpreter(Path binary) throws IOException {
    ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(binary)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(elf.getInt(0)).as("ELF magic").isEqualTo(0x464c457f);
    long headers = elf.getLong(0x20);
    int size = Short.toUnsignedInt(elf.getShort(0x36));
    int count = Short.toUnsignedInt(elf.getShort(0x38));
    for (int i = 0; i < count; i++) {
      if (elf.getInt((int) headers + i * size) == 3) {
        return true;
      }
    }
    return false;
  }
}
