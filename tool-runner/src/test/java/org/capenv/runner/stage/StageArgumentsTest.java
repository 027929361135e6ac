package org.capenv.runner.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The arguments of the stage containers, exactly as the Job passes them, and every refusal. */
class StageArgumentsTest {
  private static final String HASH = "ab".repeat(32);
  private static final String[] FETCH = {
    "fetch",
    "--url",
    "https://staging.capenv.svc:8443",
    "--run",
    "r-42",
    "--token-file",
    "/var/run/capenv/token/fetch-token",
    "--dest",
    "/in",
    "--install-exec",
    "/capenv/bin/capenv-exec",
    "--input",
    "records=sha256:" + HASH + ":1234",
    "--input",
    "rules.yar=sha256:" + "cd".repeat(32) + ":0"
  };
  private static final String[] UPLOAD = {
    "upload",
    "--url",
    "https://staging.capenv.svc:8443",
    "--run",
    "r-42",
    "--token-file",
    "/var/run/capenv/token/upload-token",
    "--src",
    "/out",
    "--max-total",
    "10485760",
    "--manifest",
    "/dev/termination-log",
    "--output",
    "summary:1048576",
    "--output",
    "matches.json:5"
  };

  @Test
  void fetchAsTheJobPassesIt() throws Exception {
    FetchOptions options = (FetchOptions) StageArguments.parse(FETCH);
    assertThat(options.target().url()).isEqualTo(URI.create("https://staging.capenv.svc:8443"));
    assertThat(options.target().runId()).isEqualTo("r-42");
    assertThat(options.target().tokenFile())
        .isEqualTo(Path.of("/var/run/capenv/token/fetch-token"));
    assertThat(options.target().caFile()).isEmpty();
    assertThat(options.dest()).isEqualTo(Path.of("/in"));
    assertThat(options.installExec()).contains(Path.of("/capenv/bin/capenv-exec"));
    assertThat(options.execSource()).isEqualTo(FetchOptions.EXEC_SOURCE);
    assertThat(options.inputs())
        .containsExactly(
            new FetchOptions.InputSpec("records", HASH, 1234),
            new FetchOptions.InputSpec("rules.yar", "cd".repeat(32), 0));
    assertThat(options.target().resource("inputs", "records"))
        .isEqualTo(URI.create("https://staging.capenv.svc:8443/staging/runs/r-42/inputs/records"));
  }

  @Test
  void uploadAsTheJobPassesItWithTheCaBundle() throws Exception {
    UploadOptions options =
        (UploadOptions)
            StageArguments.parse(with(UPLOAD, "--ca-file", "/var/run/capenv/ca/ca.crt"));
    assertThat(options.target().caFile()).contains(Path.of("/var/run/capenv/ca/ca.crt"));
    assertThat(options.src()).isEqualTo(Path.of("/out"));
    assertThat(options.maxTotal()).isEqualTo(10485760);
    assertThat(options.manifest()).isEqualTo(Path.of("/dev/termination-log"));
    assertThat(options.outputs())
        .containsExactly(
            new UploadOptions.OutputSpec("summary", 1048576),
            new UploadOptions.OutputSpec("matches.json", 5));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../etc/passwd",
        ".hidden",
        "a/b",
        "/abs",
        "",
        "sp ace",
        "new\nline",
        "..",
      })
  void aNameThatIsNotOnePlainSegmentIsRefused(String name) {
    assertUsage(with(FETCH, "--input", name + "=sha256:" + HASH + ":1"), "input name");
    assertUsage(with(UPLOAD, "--output", name + ":1"), "output name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "records=sha256:" + "AB" + ":1",
        "records=sha1:0000:1",
        "records=sha256:abab:1",
        "records:sha256:x:1",
        "records=sha256:%s:-1",
        "records=sha256:%s:",
        "records=sha256:%s:1x",
        "records",
      })
  void aMalformedInputDeclarationIsRefused(String value) {
    assertUsage(with(FETCH, "--input", value.replace("%s", HASH)), "--input must be");
  }

  @Test
  void aRepeatedNameUnknownOrRepeatedOptionOrMissingOneIsRefused() {
    assertUsage(with(FETCH, "--input", "records=sha256:" + HASH + ":1"), "declared twice");
    assertUsage(with(UPLOAD, "--output", "summary:7"), "declared twice");
    assertUsage(with(FETCH, "--dest", "/elsewhere"), "--dest given twice");
    assertUsage(with(FETCH, "--src", "/out"), "unknown option '--src'");
    assertUsage(with(UPLOAD, "--exec-source", "/bin/sh"), "unknown option");
    assertUsage(with(UPLOAD, "--verbose"), "needs a value");
    assertUsage(without(UPLOAD, "--manifest"), "--manifest is required");
    assertUsage(without(FETCH, "--token-file"), "--token-file is required");
    assertUsage(with(UPLOAD, "--output", "big:1e9"), "needs a byte count");
    assertUsage(new String[] {"sync"}, "unknown command");
    assertUsage(new String[0], "no command");
  }

  @Test
  void aRunIdThatIsNotADnsLabelIsRefused() {
    String[] args = FETCH.clone();
    args[4] = "../r-42";
    assertUsage(args, "--run");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://staging.capenv.svc:8080",
        "http://10.96.0.42:8080",
        "ftp://127.0.0.1",
        "https://user:secret@staging.capenv.svc",
        "https://staging.capenv.svc/?x=1",
        "staging.capenv.svc",
        "http://127.0.0.1.nip.io:8080",
      })
  void theStagingUrlMustBeHttpsOrLoopbackHttp(String url) {
    assertUsage(replace(FETCH, "--url", url), "--url");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8081", "http://localhost:1", "http://[::1]:8081/"})
  void plainHttpIsAcceptedOnlyOnLoopback(String url) throws Exception {
    assertThat(StageArguments.parse(replace(FETCH, "--url", url)).target().url())
        .isEqualTo(URI.create(url));
  }

  @Test
  void aBaseUrlWithAPathKeepsIt() throws Exception {
    StagingTarget target =
        StageArguments.parse(replace(FETCH, "--url", "https://platform.example/capenv/")).target();
    assertThat(target.resource("inputs", "records"))
        .isEqualTo(URI.create("https://platform.example/capenv/staging/runs/r-42/inputs/records"));
  }

  @Test
  void controlCharactersAreNotEchoed() {
    assertThatThrownBy(() -> StageArguments.parse(with(FETCH, "--\u001b[2Jx", "1")))
        .hasMessageNotContaining("\u001b")
        .hasMessageContaining("?[2Jx");
  }

  private static void assertUsage(String[] args, String message) {
    assertThatThrownBy(() -> StageArguments.parse(args))
        .isInstanceOf(StageException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((StageException) e).exitCode())
        .isEqualTo(StageException.USAGE);
  }

  static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String[] without(String[] args, String option) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    int at = all.indexOf(option);
    all.remove(at + 1);
    all.remove(at);
    return all.toArray(String[]::new);
  }

  private static String[] replace(String[] args, String option, String value) {
    String[] copy = args.clone();
    copy[Arrays.asList(copy).indexOf(option) + 1] = value;
    return copy;
  }
}
