package org.capenv.runner.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capenv-stage fetch} against a scripted peer: what it keeps and what it refuses. */
class FetchTest {
  private static final byte[] RECORDS =
      "caller,duration_s\na,10\n".getBytes(StandardCharsets.UTF_8);
  private static final String PATH = "/staging/runs/r-1/inputs/records";

  @TempDir Path dir;
  private Path in;
  private Path exec;
  private StageFixture stage;
  private ScriptedStagingPeer peer;

  @BeforeEach
  void setUp() throws Exception {
    in = Files.createDirectory(dir.resolve("in"));
    exec = Files.writeString(dir.resolve("capenv-exec"), "\u007fELF stand-in bytes");
    stage = new StageFixture(dir);
    peer = ScriptedStagingPeer.http();
  }

  @AfterEach
  void tearDown() {
    peer.close();
  }

  private String[] fetch(String declared) {
    return new String[] {
      "fetch",
      "--url",
      peer.url("http"),
      "--run",
      "r-1",
      "--token-file",
      stage.tokenFile.toString(),
      "--dest",
      in.toString(),
      "--install-exec",
      dir.resolve("bin-capenv-exec").toString(),
      "--exec-source",
      exec.toString(),
      "--input",
      "records=" + declared
    };
  }

  private String declared(byte[] bytes) {
    return "sha256:" + StageFixture.sha256(bytes) + ":" + bytes.length;
  }

  private void serve(byte[] body) {
    peer.answer(PATH, 200, Map.of("X-Content-SHA256", StageFixture.sha256(body)), body);
  }

  @Test
  void aVerifiedInputIsKeptReadOnlyAndCapenvExecIsInstalled() throws Exception {
    serve(RECORDS);
    assertThat(stage.run(fetch(declared(RECORDS)))).as(stage.log()).isZero();
    assertThat(Files.readAllBytes(in.resolve("records"))).isEqualTo(RECORDS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(in.resolve("records"))))
        .isEqualTo("r--r--r--");
    try (var entries = Files.list(in)) {
      assertThat(entries).containsExactly(in.resolve("records"));
    }
    Path installed = dir.resolve("bin-capenv-exec");
    assertThat(Files.readString(installed)).isEqualTo("\u007fELF stand-in bytes");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(installed)))
        .isEqualTo("r-xr-xr-x");
    assertThat(peer.requests).hasSize(1);
    assertThat(peer.requests.get(0).authorization()).isEqualTo("Bearer " + StageFixture.TOKEN);
    assertThat(stage.log()).contains("input records verified").doesNotContain(StageFixture.TOKEN);
  }

  @Test
  void bytesWithAnotherHashAreRefusedAndNothingStays() throws Exception {
    byte[] tampered = "caller,duration_s\na,99\n".getBytes(StandardCharsets.UTF_8);
    peer.answer(PATH, 200, Map.of(), tampered);
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.DATA);
    assertThat(stage.log())
        .contains("input records has sha256 " + StageFixture.sha256(tampered))
        .contains("the run declares sha256 " + StageFixture.sha256(RECORDS));
    assertEmpty(in);
    assertThat(dir.resolve("bin-capenv-exec")).doesNotExist();
  }

  @Test
  void aHashAnnouncedOtherThanDeclaredIsRefusedBeforeWriting() throws Exception {
    peer.answer(PATH, 200, Map.of("X-Content-SHA256", "00".repeat(32)), RECORDS);
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.DATA);
    assertThat(stage.log()).contains("the platform serves sha256 " + "00".repeat(32));
    assertEmpty(in);
  }

  @Test
  void aBodyLongerThanDeclaredIsCutOffAndRefused() throws Exception {
    byte[] longer = (new String(RECORDS, StandardCharsets.UTF_8) + "b,1\n").getBytes();
    peer.answer(PATH, 200, Map.of(), longer);
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.DATA);
    assertThat(stage.log()).contains("longer than its declared " + RECORDS.length + " bytes");
    assertEmpty(in);
  }

  @Test
  void aShorterBodyIsRefused() throws Exception {
    peer.answer(PATH, 200, Map.of(), new byte[] {'c'});
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.DATA);
    assertEmpty(in);
  }

  @Test
  void aRefusalOfThePlatformIsReportedWithItsProblemAndNeverTheToken() throws Exception {
    peer.answer(
        PATH,
        403,
        Map.of("Content-Type", "application/problem+json"),
        ("{\"type\":\"https://capenv.org/problems/staging-token-used\",\"title\":\"Staging token"
                + " already used\",\"status\":403}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.REFUSED);
    assertThat(stage.log())
        .contains("cannot fetch input records: the staging API answered 403")
        .contains("staging-token-used")
        .doesNotContain(StageFixture.TOKEN);
    assertEmpty(in);
  }

  @Test
  void aServerErrorIsUnavailable() throws Exception {
    peer.answer(PATH, 503, Map.of(), "down".getBytes(StandardCharsets.UTF_8));
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.UNAVAILABLE);
    assertThat(peer.requests).hasSize(1);
  }

  @Test
  void a401IsRetriedWhileTheLaunchCommitsThenGivenUp() throws Exception {
    peer.answer(PATH, 401, Map.of(), new byte[0]).answer(PATH, 401, Map.of(), new byte[0]);
    serve(RECORDS);
    assertThat(stage.run(Duration.ofSeconds(5), fetch(declared(RECORDS)))).isZero();
    assertThat(peer.requests).hasSize(3);

    Files.delete(in.resolve("records"));
    Files.delete(dir.resolve("bin-capenv-exec"));
    for (int i = 0; i < 20; i++) {
      peer.answer(PATH, 401, Map.of(), new byte[0]);
    }
    assertThat(stage.run(Duration.ofMillis(250), fetch(declared(RECORDS))))
        .isEqualTo(StageException.REFUSED);
    assertThat(stage.log()).contains("answered 401").doesNotContain(StageFixture.TOKEN);
  }

  @Test
  void aFolderThatIsNotEmptyOrIsASymbolicLinkIsRefusedBeforeAnyRequest() throws Exception {
    Files.writeString(in.resolve("records"), "planted");
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.DATA);
    assertThat(stage.log()).contains("is not empty (records)");
    assertThat(Files.readString(in.resolve("records"))).isEqualTo("planted");

    Path real = Files.createDirectory(dir.resolve("real"));
    Files.delete(in.resolve("records"));
    Files.delete(in);
    Files.createSymbolicLink(in, real);
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.USAGE);
    assertThat(stage.log()).contains("is not a folder (or is a symbolic link)");
    assertThat(peer.requests).isEmpty();
    assertEmpty(real);
  }

  @Test
  void anUnreadableTokenFileIsReportedWithoutContent() throws Exception {
    Files.writeString(stage.tokenFile, "not a token\nsecond line");
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.USAGE);
    assertThat(stage.log()).contains("does not hold a bearer token").doesNotContain("not a token");
    Files.delete(stage.tokenFile);
    assertThat(stage.run(fetch(declared(RECORDS)))).isEqualTo(StageException.IO);
    assertThat(peer.requests).isEmpty();
  }

  private static void assertEmpty(Path folder) throws Exception {
    try (var entries = Files.list(folder)) {
      assertThat(entries).isEmpty();
    }
  }
}
