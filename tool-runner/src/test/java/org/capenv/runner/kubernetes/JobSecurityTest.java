package org.capenv.runner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.capenv.runner.spec.ImageReference;
import org.capenv.runner.spec.InvalidRunSpecException;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.spec.StagedInput;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every security field of the created Job, asserted one by one against the mock API server. */
class JobSecurityTest {
  static KubeFixture kube;
  static RunSpec spec;
  static Job job;
  static PodSpec pod;
  static List<String> launchRequests;

  @BeforeAll
  static void launch() {
    kube = new KubeFixture();
    spec =
        Specs.spec("mlr", "--icsv", "--ojson", "stats1", "-a", "mean", "-f", "x", "/in/data.csv")
            .runId("4f1c2a9e-0b7d-4c55-8e0f-1a2b3c4d5e6f")
            .env("MLR_NO_COLOR", "true")
            .input(new StagedInput("data.csv", Path.of("/blobs/data"), "ef".repeat(32), 1234))
            .stdoutTo("summary.json", 1 << 20)
            .cpu(500)
            .memory(256L << 20)
            .timeout(Duration.ofMinutes(10))
            .build();
    try {
      kube.runner.launch(spec);
      launchRequests = kube.requests();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    job = kube.client.batch().v1().jobs().inNamespace(KubeFixture.NS).withName(jobName()).get();
    pod = job.getSpec().getTemplate().getSpec();
  }

  @AfterAll
  static void close() {
    kube.close();
  }

  static String jobName() {
    return "capenv-run-" + spec.runId();
  }

  static List<Container> allContainers() {
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    return all;
  }

  static Container container(String name) {
    return allContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void jobIsInTheToolsNamespaceNamedAndLabelledByIdsOnly() {
    assertThat(job.getMetadata().getNamespace()).isEqualTo("capenv-tools");
    assertThat(job.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app.kubernetes.io/managed-by", "capenv",
                "capenv.org/instance", "test-install",
                "capenv.org/run-id", spec.runId(),
                "capenv.org/tool", "miller",
                "capenv.org/tool-version", "6.8.0"));
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("capenv.org/run-id", spec.runId());
  }

  @Test
  void jobRunsOnceWithDeadlineAndNoTtlBeforeCapture() {
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void podHasNoCredentialsNoHostAccessAndNoDns() {
    assertThat(pod.getServiceAccountName()).isEqualTo("capenv-tool");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getHostNetwork()).isFalse();
    assertThat(pod.getHostPID()).isFalse();
    assertThat(pod.getHostIPC()).isFalse();
    assertThat(pod.getRuntimeClassName()).isEqualTo("gvisor");
    assertThat(pod.getDnsPolicy()).isEqualTo("None");
    assertThat(pod.getHostAliases())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getIp()).isEqualTo("10.96.0.42");
              assertThat(a.getHostnames()).containsExactly("staging.capenv.svc");
            });
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
    assertThat(allContainers()).allSatisfy(c -> assertThat(c.getPorts()).isNullOrEmpty());
  }

  @Test
  void podSecurityContextIsRestricted() {
    var context = pod.getSecurityContext();
    assertThat(context.getRunAsNonRoot()).isTrue();
    assertThat(context.getRunAsUser()).isEqualTo(65534L).isNotZero();
    assertThat(context.getRunAsGroup()).isEqualTo(65534L);
    assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void everyContainerIsRestricted() {
    assertThat(allContainers())
        .extracting(Container::getName)
        .containsExactly("stage-in", "tool", "stage-out");
    for (Container c : allContainers()) {
      var context = c.getSecurityContext();
      assertThat(context.getRunAsNonRoot()).as(c.getName()).isTrue();
      assertThat(context.getRunAsUser()).as(c.getName()).isEqualTo(65534L);
      assertThat(context.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
      assertThat(context.getPrivileged()).as(c.getName()).isFalse();
      assertThat(context.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
      assertThat(context.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
      assertThat(context.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
      assertThat(context.getSeccompProfile().getType()).as(c.getName()).isEqualTo("RuntimeDefault");
      assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
    }
  }

  @Test
  void toolRunsTheApprovedImageByDigestWithOnlyDeclaredEnvironment() {
    Container tool = container("tool");
    assertThat(tool.getImage()).isEqualTo(spec.image().toString()).contains("@sha256:");
    assertThat(tool.getCommand())
        .containsExactly(
            "/capenv/bin/capenv-exec",
            "--stdout",
            "/out/summary.json",
            "--",
            "mlr",
            "--icsv",
            "--ojson",
            "stats1",
            "-a",
            "mean",
            "-f",
            "x",
            "/in/data.csv");
    assertThat(tool.getArgs()).isEmpty();
    assertThat(tool.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("MLR_NO_COLOR", "HOME", "TMPDIR");
    assertThat(tool.getEnv()).allSatisfy(e -> assertThat(e.getValueFrom()).isNull());
    assertThat(tool.getEnvFrom()).isNullOrEmpty();
    assertThat(tool.getResources().getRequests())
        .containsEntry("cpu", new Quantity("500m"))
        .containsEntry("memory", new Quantity(Long.toString(256L << 20)));
    assertThat(tool.getResources().getLimits()).isEqualTo(tool.getResources().getRequests());
  }

  @Test
  void onlyStagingContainersSeeATokenEachItsOwn() {
    assertThat(container("tool").getVolumeMounts())
        .extracting(VolumeMount::getName)
        .doesNotContain("staging-token");
    assertThat(container("stage-in").getVolumeMounts())
        .filteredOn(m -> m.getName().equals("staging-token"))
        .singleElement()
        .satisfies(m -> assertThat(m.getSubPath()).isEqualTo("fetch-token"));
    assertThat(container("stage-out").getVolumeMounts())
        .filteredOn(m -> m.getName().equals("staging-token"))
        .singleElement()
        .satisfies(m -> assertThat(m.getSubPath()).isEqualTo("upload-token"));
    var secret = kube.client.secrets().inNamespace(KubeFixture.NS).withName(jobName()).get();
    assertThat(secret.getImmutable()).isTrue();
    assertThat(secret.getData()).containsOnlyKeys("fetch-token", "upload-token");
  }

  @Test
  void toolReadsInputsReadOnlyAndWritesOnlyOutAndTmp() {
    Map<String, VolumeMount> mounts = new HashMap<>();
    container("tool").getVolumeMounts().forEach(m -> mounts.put(m.getMountPath(), m));
    assertThat(mounts).containsOnlyKeys("/in", "/out", "/tmp", "/capenv/bin");
    assertThat(mounts.get("/in").getReadOnly()).isTrue();
    assertThat(mounts.get("/capenv/bin").getReadOnly()).isTrue();
    assertThat(mounts.get("/out").getReadOnly()).isFalse();
    assertThat(container("stage-out").getVolumeMounts())
        .filteredOn(m -> m.getMountPath().equals("/out"))
        .singleElement()
        .satisfies(m -> assertThat(m.getReadOnly()).isTrue());
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("outputs"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getEmptyDir().getSizeLimit())
                    .isEqualTo(new Quantity(Long.toString(8L << 20))));
    assertThat(container("stage-in").getArgs())
        .containsSequence("--input", "data.csv=sha256:" + "ef".repeat(32) + ":1234");
  }

  @Test
  void networkPolicyDeniesAllButStaging() {
    NetworkPolicy policy =
        kube.client
            .network()
            .v1()
            .networkPolicies()
            .inNamespace(KubeFixture.NS)
            .withName(jobName())
            .get();
    var policySpec = policy.getSpec();
    assertThat(policySpec.getPodSelector().getMatchLabels())
        .containsExactly(Map.entry("capenv.org/run-id", spec.runId()));
    assertThat(policySpec.getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(policySpec.getIngress()).isEmpty();
    assertThat(policySpec.getEgress())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getPorts())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.getProtocol()).isEqualTo("TCP");
                        assertThat(p.getPort().getIntVal()).isEqualTo(8443);
                      });
              assertThat(rule.getTo())
                  .singleElement()
                  .satisfies(
                      peer -> {
                        assertThat(peer.getIpBlock()).isNull();
                        assertThat(peer.getNamespaceSelector().getMatchLabels())
                            .containsExactly(Map.entry("kubernetes.io/metadata.name", "capenv"));
                        assertThat(peer.getPodSelector().getMatchLabels())
                            .containsExactly(
                                Map.entry("app.kubernetes.io/name", "capenv-platform"));
                      });
            });
    assertThat(policy.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("Job");
              assertThat(o.getUid()).isEqualTo(job.getMetadata().getUid());
            });
  }

  @Test
  void theTokenSecretIsOwnedByThePolicyFromItsCreation() {
    // so deleting the Job collects the policy, and the policy the Secret, with no patch of a Secret
    NetworkPolicy policy = kube.client.network().v1().networkPolicies().withName(jobName()).get();
    Secret secret = kube.client.secrets().withName(jobName()).get();
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getApiVersion()).isEqualTo("networking.k8s.io/v1");
              assertThat(o.getKind()).isEqualTo("NetworkPolicy");
              assertThat(o.getName()).isEqualTo(jobName());
              assertThat(o.getUid()).isEqualTo(policy.getMetadata().getUid());
              assertThat(o.getBlockOwnerDeletion()).isFalse();
            });
  }

  @Test
  void aLaunchIsThePolicyTheSecretTheJobAndTheOwnerPatchOfThePolicyInThatOrder() {
    String ns = "/namespaces/capenv-tools/";
    String policy = "/apis/networking.k8s.io/v1" + ns + "networkpolicies";
    String secret = "/api/v1" + ns + "secrets";
    String job = "/apis/batch/v1" + ns + "jobs";
    // the launch reads nothing, no object by name: the policy is confirmed on what its create
    // returned, and patched through that object (a patch by name alone reads it first)
    assertThat(launchRequests)
        .filteredOn(r -> !r.equals("GET /api/v1/namespaces")) // the fixture's own check
        .filteredOn(r -> !r.startsWith("GET " + job + "?")) // the informer's list and watch
        .containsExactly(
            "POST " + policy, "POST " + secret, "POST " + job, "PATCH " + policy + "/" + jobName());
  }

  @Test
  void aTagInsteadOfADigestIsRefusedBeforeAnyApiCall() throws Exception {
    long before = kube.requests().size();
    assertThatThrownBy(() -> ImageReference.parse("registry.example.police.uk/tools/miller:6.8"))
        .isInstanceOf(InvalidRunSpecException.class)
        .hasMessageContaining("tags are refused");
    assertThat(kube.requests()).hasSize((int) before);
  }

  @Test
  void withoutRuntimeClassConfiguredNoneIsSet() {
    try (KubeFixture plain = new KubeFixture(Optional.empty())) {
      RunSpec other = Specs.spec("true").build();
      plain.runner.launch(other);
      Job created =
          plain
              .client
              .batch()
              .v1()
              .jobs()
              .inNamespace(KubeFixture.NS)
              .withName("capenv-run-" + other.runId())
              .get();
      assertThat(created.getSpec().getTemplate().getSpec().getRuntimeClassName()).isNull();
    }
  }
}
