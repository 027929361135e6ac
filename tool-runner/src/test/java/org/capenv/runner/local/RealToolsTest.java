package org.capenv.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.spec.ArgvTemplate;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.support.SandboxFixture;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real tools from the OS packages, run through the real sandbox, outputs checked and re-hashed. */
class RealToolsTest {
  @TempDir static Path temp;
  static SandboxFixture sandbox;

  @BeforeAll
  static void start() throws Exception {
    sandbox = new SandboxFixture(temp);
    assertThat(sandbox.runner.availability().available())
        .as(sandbox.runner.availability().detail())
        .isTrue();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void millerSummarisesCsvFromExpandedTemplate() throws Exception {
    String csv = "force,items\nnorfolk,3\nsuffolk,5\nnorfolk,10\n";
    List<String> argv =
        ArgvTemplate.parse(
                List.of(
                    "mlr",
                    "--icsv",
                    "--ojson",
                    "stats1",
                    "-a",
                    "${param.stats}",
                    "-f",
                    "items",
                    "-g",
                    "force",
                    "${input.data}"))
            .expand(Map.of("stats", "count,sum,mean"), Set.of("data"), Set.of("summary"));
    Specs specs =
        Specs.spec(argv.toArray(String[]::new))
            .input(sandbox.staging, "data", csv.getBytes(StandardCharsets.UTF_8))
            .stdoutTo("summary", 1 << 20);
    assertSucceeded(specs.build());
    RunOutput summary = single(specs.build().runId());
    String json = Files.readString(summary.localPath().orElseThrow());
    assertThat(json.replaceAll("\\s", ""))
        .contains("\"force\":\"norfolk\",\"items_count\":2,\"items_sum\":13,\"items_mean\":6.5")
        .contains("\"force\":\"suffolk\",\"items_count\":1,\"items_sum\":5,\"items_mean\":5");
    assertHashMatches(summary);
  }

  @Test
  void exiftoolReadsAndWritesImageMetadata() throws Exception {
    byte[] jpeg = jpeg(24, 16);
    Specs read =
        Specs.spec("exiftool", "-json", "-ImageWidth", "-ImageHeight", "-MIMEType", "/in/photo.jpg")
            .input(sandbox.staging, "photo.jpg", jpeg)
            .stdoutTo("metadata.json", 1 << 20);
    assertSucceeded(read.build());
    RunOutput metadata = single(read.build().runId());
    assertThat(Files.readString(metadata.localPath().orElseThrow()))
        .contains("\"ImageWidth\": 24", "\"ImageHeight\": 16", "\"MIMEType\": \"image/jpeg\"");
    assertHashMatches(metadata);

    Specs write =
        Specs.spec("exiftool", "-Comment=case 42", "-o", "/out/tagged.jpg", "/in/photo.jpg")
            .input(sandbox.staging, "photo.jpg", jpeg)
            .output("tagged.jpg", 1 << 20);
    assertSucceeded(write.build());
    RunOutput tagged = single(write.build().runId());
    Path file = tagged.localPath().orElseThrow();
    assertThat(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(65534);
    assertHashMatches(tagged);
    Process check = new ProcessBuilder("exiftool", "-s3", "-Comment", file.toString()).start();
    assertThat(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo("case 42");
  }

  @Test
  void yaraScansFileWithRules() throws Exception {
    String rules =
        "rule ransom_note { strings: $a = \"send bitcoin\" condition: $a }\n"
            + "rule never_matches { strings: $b = \"absent-marker-xyz\" condition: $b }\n";
    byte[] sample =
        "hello\nplease send bitcoin to the usual address\n".getBytes(StandardCharsets.UTF_8);
    Specs specs =
        Specs.spec("yara", "-s", "/in/rules.yar", "/in/sample.bin")
            .input(sandbox.staging, "rules.yar", rules.getBytes(StandardCharsets.UTF_8))
            .input(sandbox.staging, "sample.bin", sample)
            .stdoutTo("matches.txt", 1 << 20);
    assertSucceeded(specs.build());
    RunOutput matches = single(specs.build().runId());
    String text = Files.readString(matches.localPath().orElseThrow());
    assertThat(text).contains("ransom_note /in/sample.bin", "0xd:$a: send bitcoin");
    assertThat(text).doesNotContain("never_matches");
    assertHashMatches(matches);
  }

  @Test
  void jqTransformsJsonAndHashdeepHashesInput() throws Exception {
    byte[] doc = "{\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
    Specs jq =
        Specs.spec("jq", "-c", ".items | add", "/in/doc.json")
            .input(sandbox.staging, "doc.json", doc)
            .stdoutTo("sum.txt", 1024);
    assertSucceeded(jq.build());
    assertThat(Files.readString(single(jq.build().runId()).localPath().orElseThrow()))
        .isEqualTo("6\n");

    Specs hashdeep =
        Specs.spec("hashdeep", "-c", "sha256", "-b", "/in/doc.json")
            .input(sandbox.staging, "doc.json", doc)
            .stdoutTo("hashes.txt", 4096);
    assertSucceeded(hashdeep.build());
    assertThat(Files.readString(single(hashdeep.build().runId()).localPath().orElseThrow()))
        .contains(doc.length + "," + Specs.sha256(doc) + ",doc.json");
  }

  /**
   * Runs {@code spec} and checks it succeeded; a failure shows the status and the tool's stderr.
   */
  private static void assertSucceeded(RunSpec spec) throws InterruptedException {
    RunStatus status = sandbox.run(spec);
    String stderr = new String(sandbox.runner.logs(spec.runId()).stderr(), StandardCharsets.UTF_8);
    assertThat(status.state()).as("%s, stderr: %s", status, stderr).isEqualTo(RunState.SUCCEEDED);
  }

  private static RunOutput single(String runId) {
    List<RunOutput> outputs = sandbox.runner.outputs(runId);
    assertThat(outputs).hasSize(1);
    return outputs.get(0);
  }

  private static void assertHashMatches(RunOutput output) throws Exception {
    byte[] bytes = Files.readAllBytes(output.localPath().orElseThrow());
    assertThat(output.sha256()).isEqualTo(Specs.sha256(bytes));
    assertThat(output.size()).isEqualTo(bytes.length);
  }

  private static byte[] jpeg(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, new Color(x * 10, y * 15, 128).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "jpg", out)).isTrue();
    return out.toByteArray();
  }
}
