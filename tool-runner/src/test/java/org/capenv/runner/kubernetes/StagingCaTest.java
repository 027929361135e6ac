package org.capenv.runner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.spec.StagedInput;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.Test;

/**
 * The staging CA bundle ({@code capenv.runner.kubernetes.staging.ca-config-map}): mounted read-only
 * into the two staging containers only, named to both stager commands, and nothing else of the Job
 * changes.
 */
class StagingCaTest {
  private static final String CA_FILE = "/var/run/capenv/ca/ca.crt";

  private static final RunSpec SPEC =
      Specs.spec("mlr", "--icsv", "--ojson", "cat", "/in/data.csv")
          .runId("0c1d2e3f-4a5b-4c6d-8e7f-001122334455")
          .input(new StagedInput("data.csv", Path.of("/blobs/data"), "ab".repeat(32), 99))
          .stdoutTo("out.json", 1 << 20)
          .build();

  private static KubernetesRunnerConfig config(Optional<String> caConfigMap) {
    StagingEndpoint s = KubeFixture.STAGING;
    return KubernetesRunnerConfig.defaults(
        "test-install",
        KubeFixture.STAGER,
        new StagingEndpoint(
            s.url(),
            s.hostAliasIp(),
            s.platformNamespace(),
            s.platformPodLabels(),
            s.port(),
            caConfigMap));
  }

  private static Container container(PodSpec pod, String name) {
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    return all.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theCaIsMountedReadOnlyIntoBothStagingContainersAndNamedToTheStager() {
    PodSpec pod =
        JobFactory.job(SPEC, config(Optional.of("capenv-staging-ca")))
            .getSpec()
            .getTemplate()
            .getSpec();

    List<Volume> configMaps =
        pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).toList();
    assertThat(configMaps).hasSize(1);
    Volume ca = configMaps.get(0);
    assertThat(ca.getConfigMap().getName()).isEqualTo("capenv-staging-ca");
    assertThat(ca.getConfigMap().getOptional()).as("no CA, no start").isFalse();
    assertThat(ca.getConfigMap().getItems())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.getKey()).isEqualTo("ca.crt");
              assertThat(item.getPath()).isEqualTo("ca.crt");
            });
    for (String name : List.of("stage-in", "stage-out")) {
      Container c = container(pod, name);
      assertThat(c.getVolumeMounts())
          .as(name)
          .filteredOn(m -> m.getName().equals(ca.getName()))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.getMountPath()).isEqualTo("/var/run/capenv/ca");
                assertThat(m.getReadOnly()).isTrue();
                assertThat(m.getSubPath()).isNull();
              });
      assertThat(c.getArgs()).as(name).containsSequence("--ca-file", CA_FILE);
    }
    Container tool = container(pod, "tool");
    assertThat(tool.getVolumeMounts())
        .extracting(VolumeMount::getName)
        .doesNotContain(ca.getName());
    assertThat(tool.getCommand()).doesNotContain("--ca-file", CA_FILE);
  }

  @Test
  void withoutACaTheJobHasNeitherTheVolumeNorTheArgument() {
    PodSpec pod = JobFactory.job(SPEC, config(Optional.empty())).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getConfigMap()).isNull());
    for (String name : List.of("stage-in", "stage-out")) {
      assertThat(container(pod, name).getArgs()).as(name).doesNotContain("--ca-file");
      assertThat(container(pod, name).getVolumeMounts())
          .extracting(VolumeMount::getMountPath)
          .doesNotContain("/var/run/capenv/ca");
    }
  }

  @Test
  void theCaChangesNothingElseOfTheJob() {
    Job plain = JobFactory.job(SPEC, config(Optional.empty()));
    Job withCa = JobFactory.job(SPEC, config(Optional.of("capenv-staging-ca")));

    PodSpec pod = withCa.getSpec().getTemplate().getSpec();
    pod.getVolumes().removeIf(v -> v.getConfigMap() != null);
    for (String name : List.of("stage-in", "stage-out")) {
      Container c = container(pod, name);
      c.getVolumeMounts().removeIf(m -> m.getMountPath().equals("/var/run/capenv/ca"));
      List<String> args = new ArrayList<>(c.getArgs());
      int at = args.indexOf("--ca-file");
      args.subList(at, at + 2).clear();
      c.setArgs(args);
    }
    assertThat(withCa).isEqualTo(plain);
  }

  @Test
  void aCaConfigMapThatIsNotAKubernetesNameIsRefused() {
    assertThatThrownBy(() -> config(Optional.of("../ca")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("caConfigMap");
    assertThatThrownBy(() -> config(Optional.of("CA_Bundle")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
