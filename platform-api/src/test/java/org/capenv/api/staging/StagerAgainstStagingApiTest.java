package org.capenv.api.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.capenv.api.run.kubernetes.KubeCallers.analyst;
import static org.capenv.api.run.kubernetes.KubeCallers.awaitEnd;
import static org.capenv.api.run.kubernetes.KubeCallers.awaitLaunched;
import static org.capenv.api.run.kubernetes.KubeCallers.calls;
import static org.capenv.api.run.kubernetes.KubeCallers.sha256;
import static org.capenv.api.run.kubernetes.KubeCallers.submit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.capenv.api.run.kubernetes.ClusterSimulator;
import org.capenv.api.run.kubernetes.KubernetesRunnerProfile;
import org.capenv.api.staging.service.StagingService;
import org.capenv.runner.stage.CapenvStage;
import org.capenv.runner.stage.StageException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capenv-stage} against the platform's real staging API: the stager runs in-process with the
 * very arguments of the {@code stage-in} and {@code stage-out} containers of the Job the platform
 * created on the mock API server, only the URL (the test's loopback HTTPS staging port), the token
 * file (holding the token from the run's Secret) and the local folders replaced, and the staging
 * certificate given as the stager's CA bundle.
 */
@QuarkusTest
@TestProfile(KubernetesRunnerProfile.class)
class StagerAgainstStagingApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject KubernetesClient kubernetes;
  @Inject StagingService staging;

  /** The staging listener: HTTPS on its own port, with the profile's throw-away certificate. */
  @ConfigProperty(name = "quarkus.http.test-ssl-port")
  int stagingPort;

  @ConfigProperty(name = "quarkus.http.ssl.certificate.files")
  String certificate;

  @TempDir Path dir;
  private ClusterSimulator cluster;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void simulator() {
    cluster = new ClusterSimulator(kubernetes);
  }

  @Test
  void inputsAreFetchedAndVerifiedAndTheManifestIsWhatThePlatformRecorded() throws Exception {
    RequestSpecification ann = analyst("ann", "norfolk");
    byte[] input = salted("stager-flow");
    String id = submit(ann, input);
    Job job = cluster.awaitJob(id);
    awaitLaunched(ann, id);
    cluster.start(id);

    // read now: once the run's outputs are captured, the platform deletes the Secret
    List<String> tokens =
        List.of(cluster.token(id, "fetch-token"), cluster.token(id, "upload-token"));
    Path in = Files.createDirectory(dir.resolve("in"));
    List<String> stageIn = stageIn(job, id, in);
    assertThat(stage(stageIn)).as(output()).isZero();
    assertThat(Files.readAllBytes(in.resolve("records"))).isEqualTo(input);
    assertThat(output())
        .contains("input records verified (" + input.length + " bytes, sha256 " + sha256(input));
    assertThat(dir.resolve("capenv-exec")).exists();

    // the tool's result, as it would be left in /out
    Path out = Files.createDirectory(dir.resolve("out"));
    byte[] summary = "{\"caller\":\"07700900001\",\"duration_s_count\":3}\n".getBytes();
    Files.write(out.resolve("summary"), summary);
    Path termination = dir.resolve("termination-log");
    List<String> stageOut = stageOut(job, id, out, termination);
    assertThat(stage(stageOut)).as(output()).isZero();

    String manifest = Files.readString(termination);
    List<Map<String, Object>> entries = JSON.readValue(manifest, new TypeReference<>() {});
    assertThat(entries)
        .containsExactly(
            Map.of("name", "summary", "sha256", sha256(summary), "size", summary.length));
    assertThat(staging.received(id, "summary", sha256(summary), summary.length)).isPresent();

    // the same tokens a second time: each grant was used once
    Path again = Files.createDirectory(dir.resolve("in-again"));
    assertThat(stage(replace(stageIn, "--dest", again.toString())))
        .isEqualTo(StageException.REFUSED);
    assertThat(output()).contains("answered 403").contains("staging-token-used");
    assertThat(again).isEmptyDirectory();
    assertThat(stage(replace(stageOut, "--manifest", dir.resolve("second-log").toString())))
        .isEqualTo(StageException.REFUSED);
    assertThat(dir.resolve("second-log")).doesNotExist();

    // the runner reads the manifest from the pod: the run completes with the platform's hashes
    cluster.succeed(id, manifest);
    Map<String, Object> run = awaitEnd(ann, id);
    assertThat(run.get("state")).as(String.valueOf(run.get("reason"))).isEqualTo("COMPLETED");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> recorded = (List<Map<String, Object>>) run.get("outputs");
    assertThat(recorded)
        .extracting(o -> o.get("name"), o -> o.get("sha256"))
        .containsExactly(tuple("summary", sha256(summary)));
    assertThat(output()).doesNotContain(tokens.get(0)).doesNotContain(tokens.get(1));
  }

  @Test
  void anInputDeclaredWithAnotherHashIsRefusedAndNotKept() throws Exception {
    RequestSpecification ann = analyst("ann", "norfolk");
    byte[] input = salted("stager-tampered");
    String id = submit(ann, input);
    Job job = cluster.awaitJob(id);
    awaitLaunched(ann, id);

    Path in = Files.createDirectory(dir.resolve("in"));
    List<String> args = stageIn(job, id, in);
    int at = args.indexOf("--input") + 1;
    String declared = args.get(at);
    assertThat(declared).isEqualTo("records=sha256:" + sha256(input) + ":" + input.length);
    String other = sha256("something else".getBytes(StandardCharsets.UTF_8));
    args.set(at, "records=sha256:" + other + ":" + input.length);

    assertThat(stage(args)).isEqualTo(StageException.DATA);
    assertThat(output())
        .contains("the platform serves sha256 " + sha256(input))
        .contains("the run declares " + other);
    assertThat(in).isEmptyDirectory();
    assertThat(dir.resolve("capenv-exec")).doesNotExist();
  }

  private byte[] salted(String salt) throws Exception {
    return (new String(calls(), StandardCharsets.UTF_8) + salt + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The Job's stage-in arguments with the local stand-ins for URL, token and folders. */
  private List<String> stageIn(Job job, String id, Path in) throws Exception {
    Container container = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(container.getName()).isEqualTo("stage-in");
    List<String> args = local(container.getArgs(), id, "fetch-token");
    args = replace(args, "--dest", in.toString());
    args = replace(args, "--install-exec", dir.resolve("capenv-exec").toString());
    Path exec =
        Files.write(dir.resolve("capenv-exec-image-copy"), new byte[] {0x7f, 'E', 'L', 'F'});
    args.addAll(List.of("--exec-source", exec.toString()));
    return args;
  }

  private List<String> stageOut(Job job, String id, Path out, Path termination) throws Exception {
    Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getName()).isEqualTo("stage-out");
    List<String> args = local(container.getArgs(), id, "upload-token");
    args = replace(args, "--src", out.toString());
    return replace(args, "--manifest", termination.toString());
  }

  private List<String> local(List<String> jobArgs, String id, String key) throws Exception {
    Path token = Files.writeString(dir.resolve(key), cluster.token(id, key));
    List<String> args = replace(jobArgs, "--url", "https://localhost:" + stagingPort + "/");
    args = replace(args, "--token-file", token.toString());
    // the stager trusts exactly the staging certificate, as with a cluster's private CA bundle
    assertThat(args).doesNotContain("--ca-file");
    args.addAll(List.of("--ca-file", certificate));
    return args;
  }

  private static List<String> replace(List<String> args, String option, String value) {
    List<String> copy = new ArrayList<>(args);
    int at = copy.indexOf(option);
    assertThat(at).as(option + " in " + args).isNotNegative();
    copy.set(at + 1, value);
    return copy;
  }

  private int stage(List<String> args) {
    return CapenvStage.run(
        args.toArray(String[]::new),
        new PrintStream(log, true, StandardCharsets.UTF_8),
        Duration.ofSeconds(5));
  }

  private String output() {
    return log.toString(StandardCharsets.UTF_8);
  }
}
