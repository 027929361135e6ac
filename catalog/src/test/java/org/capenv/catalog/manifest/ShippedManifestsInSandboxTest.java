package org.capenv.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each shipped manifest's local argv, filled with its defaults, runs the real tool in bubblewrap on
 * the sample inputs in catalog/samples and produces the expected result. This checks the manifests'
 * commands, not the sandbox (the tool-runner module owns and tests that): the flags are the
 * isolating set from the local-sandbox recipe, without resource limits.
 */
class ShippedManifestsInSandboxTest {

  private static final Path BWRAP = Path.of("/usr/bin/bwrap");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{(param|input|output)\\.([a-z0-9_]+)\\}");

  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of(
            "miller-cdr-stats",
            Map.of("records", "call-records.csv"),
            "summary",
            List.of(
                "\"caller\": \"07700900001\"",
                "\"duration_s_count\": 4",
                "\"duration_s_sum\": 374")),
        Arguments.of(
            "exiftool-image-metadata",
            Map.of("image", "photo.jpg"),
            "metadata",
            List.of(
                "\"GPS:GPSLatitude\": 52.6309", "\"IFD0:Model\": \"EC-100 (synthetic sample)\"")),
        Arguments.of(
            "yara-indicator-scan",
            Map.of("rules", "indicators.yar", "target", "exhibit.txt"),
            "matches",
            List.of(
                "capenv_sample_wallet_address",
                "$wallet: bc1qsampleonlynotarealwallet0000000000",
                "capenv_sample_onion_link")),
        Arguments.of(
            "hashdeep-hashset-match",
            Map.of("known_hashes", "known-hashes.txt", "item", "exhibit.txt"),
            "matches",
            List.of(
                "186,a0322f5abf630bbcebc53409c67ff666,"
                    + "a7cd0772455ccca66eefe6e6c96a3d1fc603446ec5fde2a360e520086f4ca766,/in/item")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void localCommandRunsTheRealTool(
      String tool,
      Map<String, String> samples,
      String outputName,
      List<String> expected,
      @TempDir Path work)
      throws Exception {
    assumeTrue(Files.isExecutable(BWRAP), "bubblewrap is installed here and in CI (.ci/run)");
    ToolManifest m =
        new ManifestParser().parse(Files.readAllBytes(Path.of("manifests", tool + ".yaml")));
    JsonNode params = new RunParameters().resolve(m, null);
    Path in = Files.createDirectories(work.resolve("in"));
    Path out = Files.createDirectories(work.resolve("out"));
    for (Map.Entry<String, String> s : samples.entrySet()) {
      Files.copy(Path.of("samples", s.getValue()), in.resolve(s.getKey()));
    }
    ToolManifest.Output output = m.output(outputName).orElseThrow();
    Path result = out.resolve(outputName);

    List<String> command = new ArrayList<>(sandbox(in, out));
    command.addAll(expand(m.command().local(), params));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(work.resolve("stderr").toFile());
    pb.redirectOutput(
        output.from() == ToolManifest.OutputSource.STDOUT
            ? result.toFile()
            : work.resolve("stdout").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();

    String stderr = Files.readString(work.resolve("stderr"));
    assertThat(m.command().successExitCodes())
        .as("exit code; stderr: %s", stderr)
        .contains(p.exitValue());
    String text = Files.readString(result, StandardCharsets.UTF_8);
    assertThat(Files.size(result)).isLessThanOrEqualTo(output.maxBytes());
    for (String e : expected) {
      assertThat(text).contains(e);
    }
  }

  private static List<String> sandbox(Path in, Path out) {
    return List.of(
        BWRAP.toString(),
        "--unshare-all",
        "--unshare-user",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--ro-bind",
        "/usr",
        "/usr",
        "--symlink",
        "usr/bin",
        "/bin",
        "--symlink",
        "usr/lib",
        "/lib",
        "--symlink",
        "usr/lib64",
        "/lib64",
        "--symlink",
        "usr/sbin",
        "/sbin",
        "--ro-bind-try",
        "/etc/alternatives",
        "/etc/alternatives",
        "--ro-bind-try",
        "/etc/ld.so.cache",
        "/etc/ld.so.cache",
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",
        "--ro-bind",
        in.toString(),
        "/in",
        "--bind",
        out.toString(),
        "/out",
        "--chdir",
        "/out",
        "--remount-ro",
        "/",
        "--clearenv",
        "--setenv",
        "PATH",
        "/usr/bin",
        "--setenv",
        "LANG",
        "C.UTF-8");
  }

  /** The placeholder rules of docs/tool-manifest.md, enough for the shipped manifests. */
  private static List<String> expand(List<String> template, JsonNode params) throws IOException {
    List<String> argv = new ArrayList<>();
    for (String element : template) {
      Matcher m = PLACEHOLDER.matcher(element);
      if (m.matches() && m.group(1).equals("param") && params.get(m.group(2)).isArray()) {
        params.get(m.group(2)).forEach(v -> argv.add(v.asText()));
        continue;
      }
      StringBuilder sb = new StringBuilder();
      m.reset();
      while (m.find()) {
        String value =
            switch (m.group(1)) {
              case "param" -> params.get(m.group(2)).asText();
              case "input" -> "/in/" + m.group(2);
              default -> "/out/" + m.group(2);
            };
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      argv.add(sb.toString());
    }
    return argv;
  }
}
