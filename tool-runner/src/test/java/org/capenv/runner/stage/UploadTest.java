package org.capenv.runner.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capenv-stage upload} against a scripted peer: only declared regular files within their
 * limits are sent, each receipt must match, and the manifest is written only when all did.
 */
class UploadTest {
  private static final byte[] SUMMARY = "[{\"caller\":\"a\"}]\n".getBytes(StandardCharsets.UTF_8);
  private static final String PATH = "/staging/runs/r-1/outputs/summary";

  @TempDir Path dir;
  private Path out;
  private Path manifest;
  private StageFixture stage;
  private ScriptedStagingPeer peer;

  @BeforeEach
  void setUp() throws Exception {
    out = Files.createDirectory(dir.resolve("out"));
    manifest = dir.resolve("termination-log");
    stage = new StageFixture(dir);
    peer = ScriptedStagingPeer.http();
  }

  @AfterEach
  void tearDown() {
    peer.close();
  }

  private String[] upload(String maxTotal) {
    return new String[] {
      "upload",
      "--url",
      peer.url("http"),
      "--run",
      "r-1",
      "--token-file",
      stage.tokenFile.toString(),
      "--src",
      out.toString(),
      "--max-total",
      maxTotal,
      "--manifest",
      manifest.toString(),
      "--output",
      "summary:1024",
      "--output",
      "extra.csv:10"
    };
  }

  private void receipt(String sha256, long size) {
    peer.answer(
        PATH,
        201,
        Map.of("Content-Type", "application/json"),
        ("{\"name\":\"summary\",\"sha256\":\"" + sha256 + "\",\"size\":" + size + "}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void declaredOutputsAreUploadedAndTheManifestStatesTheirHashes() throws Exception {
    Files.write(out.resolve("summary"), SUMMARY);
    receipt(StageFixture.sha256(SUMMARY), SUMMARY.length);
    assertThat(stage.run(upload("2048"))).as(stage.log()).isZero();
    assertThat(peer.requests).hasSize(1);
    assertThat(peer.requests.get(0).method()).isEqualTo("PUT");
    assertThat(peer.requests.get(0).body()).isEqualTo(SUMMARY);
    assertThat(peer.requests.get(0).authorization()).isEqualTo("Bearer " + StageFixture.TOKEN);
    assertThat(Files.readString(manifest))
        .isEqualTo(
            "[{\"name\":\"summary\",\"sha256\":\""
                + StageFixture.sha256(SUMMARY)
                + "\",\"size\":"
                + SUMMARY.length
                + "}]");
    assertThat(stage.log()).doesNotContain(StageFixture.TOKEN);
  }

  @Test
  void noOutputIsAnEmptyManifest() throws Exception {
    assertThat(stage.run(upload("2048"))).isZero();
    assertThat(Files.readString(manifest)).isEqualTo("[]");
    assertThat(peer.requests).isEmpty();
  }

  @Test
  void aReceiptWithAnotherHashFailsTheUploadAndLeavesNoManifest() throws Exception {
    Files.write(out.resolve("summary"), SUMMARY);
    receipt("00".repeat(32), SUMMARY.length);
    assertThat(stage.run(upload("2048"))).isEqualTo(StageException.DATA);
    assertThat(stage.log())
        .contains("the platform received " + "00".repeat(32))
        .contains("the stager sent sha256 " + StageFixture.sha256(SUMMARY));
    assertThat(manifest).doesNotExist();
  }

  @Test
  void aRefusedUploadIsReported() throws Exception {
    Files.write(out.resolve("summary"), SUMMARY);
    peer.answer(
        PATH,
        413,
        Map.of("Content-Type", "application/problem+json"),
        "{\"title\":\"Output too large\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(stage.run(upload("2048"))).isEqualTo(StageException.REFUSED);
    assertThat(stage.log()).contains("answered 413 Output too large");
    assertThat(manifest).doesNotExist();
  }

  @Test
  void aSymbolicLinkIsRefusedAndNothingIsSent() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "not an output");
    Files.createSymbolicLink(out.resolve("summary"), secret);
    assertRefusedBeforeSending("summary is not a regular file (symbolic link)");
  }

  @Test
  void aFolderIsRefused() throws Exception {
    Files.createDirectory(out.resolve("summary"));
    assertRefusedBeforeSending("summary is not a regular file (folder)");
  }

  @Test
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", out.resolve("summary").toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    assertRefusedBeforeSending("summary is not a regular file (special file)");
  }

  @Test
  void aHardLinkIsRefused() throws Exception {
    Path elsewhere = Files.write(dir.resolve("elsewhere"), SUMMARY);
    Files.createLink(out.resolve("summary"), elsewhere);
    assertRefusedBeforeSending("summary is a hard link");
  }

  @Test
  void anUndeclaredFileIsRefusedEvenBesideDeclaredOnes() throws Exception {
    Files.write(out.resolve("summary"), SUMMARY);
    Files.writeString(out.resolve("exfiltrated.tar"), "x");
    assertRefusedBeforeSending("exfiltrated.tar is not a declared output");
  }

  @Test
  void anOutputOverItsLimitOrATotalOverTheRunsIsRefused() throws Exception {
    Files.writeString(out.resolve("extra.csv"), "01234567890");
    assertRefusedBeforeSending("extra.csv has 11 bytes, its limit is 10");
    Files.writeString(out.resolve("extra.csv"), "0123456789");
    Files.write(out.resolve("summary"), SUMMARY);
    assertThat(stage.run(upload(Long.toString(SUMMARY.length + 9)))).isEqualTo(StageException.DATA);
    assertThat(stage.log()).contains("outputs total " + (SUMMARY.length + 10) + " bytes");
    assertThat(peer.requests).isEmpty();
  }

  @Test
  void aSourceFolderThatIsASymbolicLinkIsRefused() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Files.write(real.resolve("summary"), SUMMARY);
    Files.delete(out);
    Files.createSymbolicLink(out, real);
    assertThat(stage.run(upload("2048"))).isEqualTo(StageException.USAGE);
    assertThat(peer.requests).isEmpty();
  }

  private void assertRefusedBeforeSending(String message) {
    assertThat(stage.run(upload("2048"))).isEqualTo(StageException.DATA);
    assertThat(stage.log()).contains(message);
    assertThat(peer.requests).isEmpty();
    assertThat(manifest).doesNotExist();
  }
}
