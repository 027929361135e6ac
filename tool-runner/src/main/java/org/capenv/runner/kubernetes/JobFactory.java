package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.HostAliasBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.capenv.runner.spec.DeclaredOutput;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.spec.StagedInput;

/**
 * Builds the Job and the token Secret of a run, from the {@link RunSpec} only.
 *
 * <p>Pod layout: init container {@code stage-in} fetches the inputs into {@code /in} with the fetch
 * token and installs {@code capenv-exec}; init container {@code tool} runs the tool with {@code
 * /in} read-only, {@code /out} and {@code /tmp} writable, no token; container {@code stage-out}
 * uploads {@code /out} with the upload token and writes the uploaded names, sizes and SHA-256
 * hashes to its termination message. With a staging CA configured, only the two staging containers
 * mount it (read-only) and pass it to the stager as {@code --ca-file}. Every container is non-root,
 * read-only root file system, no privilege escalation, no capabilities, seccomp RuntimeDefault.
 */
final class JobFactory {
  static final int UID = 65534;
  static final String TOKEN_DIR = "/var/run/capenv/token";
  static final String CA_DIR = "/var/run/capenv/ca";
  private static final String CA_VOLUME = "staging-ca";
  static final String EXEC = "/capenv/bin/capenv-exec";
  private static final long TMP_BYTES = 64L << 20;

  private JobFactory() {}

  static Secret secret(
      RunSpec spec, KubernetesRunnerConfig config, StagingTokenIssuer.StagingTokens tokens) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(RunObjects.name(spec.runId()))
        .withNamespace(config.namespace())
        .withLabels(RunObjects.labels(spec, config.instance()))
        .endMetadata()
        .withType("Opaque")
        .withImmutable(true)
        .withData(
            Map.of(
                "fetch-token", base64(tokens.fetchToken()),
                "upload-token", base64(tokens.uploadToken())))
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  static Job job(RunSpec spec, KubernetesRunnerConfig config) {
    String name = RunObjects.name(spec.runId());
    Map<String, String> labels = RunObjects.labels(spec, config.instance());
    // Each level is built on its own and the levels are joined with setters: fabric8's nested
    // builders copy everything below a level each time one is closed, so building the Job in one
    // chain copied the whole pod spec several times over.
    PodSpec pod =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withServiceAccountName(config.serviceAccount())
            .withAutomountServiceAccountToken(false)
            .withEnableServiceLinks(false)
            .withHostNetwork(false)
            .withHostPID(false)
            .withHostIPC(false)
            .withShareProcessNamespace(false)
            .withRuntimeClassName(config.runtimeClassName().orElse(null))
            .withDnsPolicy("None")
            .withNewDnsConfig()
            .withNameservers(List.of())
            .endDnsConfig()
            .withHostAliases(hostAliases(config))
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser((long) UID)
            .withRunAsGroup((long) UID)
            .withFsGroup((long) UID)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .build();
    pod.setVolumes(volumes(spec, config));
    pod.setInitContainers(new ArrayList<>(List.of(stageIn(spec, config), tool(spec))));
    pod.setContainers(new ArrayList<>(List.of(stageOut(spec, config))));
    JobSpec jobSpec =
        new JobSpecBuilder()
            .withBackoffLimit(0)
            .withCompletions(1)
            .withParallelism(1)
            .withActiveDeadlineSeconds(Math.max(1, spec.resources().timeout().toSeconds()))
            .build();
    jobSpec.setTemplate(
        new PodTemplateSpec(new ObjectMetaBuilder().withLabels(labels).build(), pod));
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(config.namespace())
            .withLabels(labels)
            .withAnnotations(
                Map.of(
                    RunObjects.IMAGE_DIGEST, spec.image().digest(),
                    RunObjects.DECLARED_OUTPUTS, OutputManifest.describe(spec),
                    RunObjects.OUTPUT_MAX_BYTES, Long.toString(spec.limits().outputMaxBytes()),
                    RunObjects.LOG_MAX_BYTES, Long.toString(spec.limits().logMaxBytes())))
            .endMetadata()
            .build();
    job.setSpec(jobSpec);
    return job;
  }

  private static List<HostAlias> hostAliases(KubernetesRunnerConfig config) {
    return config
        .staging()
        .hostAliasIp()
        .map(
            ip ->
                List.of(
                    new HostAliasBuilder()
                        .withIp(ip)
                        .withHostnames(config.staging().url().getHost())
                        .build()))
        .orElse(List.of());
  }

  private static List<Volume> volumes(RunSpec spec, KubernetesRunnerConfig config) {
    long inputBytes = spec.inputs().stream().mapToLong(StagedInput::size).sum();
    List<Volume> volumes = new ArrayList<>();
    volumes.addAll(
        List.of(
            emptyDir("inputs", Math.max(inputBytes, 1 << 20)),
            emptyDir("outputs", spec.limits().outputMaxBytes()),
            emptyDir("tmp", TMP_BYTES),
            emptyDir("capenv-bin", 32L << 20),
            new VolumeBuilder()
                .withName("staging-token")
                .withNewSecret()
                .withSecretName(RunObjects.name(spec.runId()))
                .withDefaultMode(0440)
                .endSecret()
                .build()));
    config
        .staging()
        .caConfigMap()
        .ifPresent(
            name ->
                volumes.add(
                    new VolumeBuilder()
                        .withName(CA_VOLUME)
                        .withNewConfigMap()
                        .withName(name)
                        .addNewItem()
                        .withKey(StagingEndpoint.CA_KEY)
                        .withPath(StagingEndpoint.CA_KEY)
                        .endItem()
                        .withDefaultMode(0444)
                        .withOptional(false)
                        .endConfigMap()
                        .build()));
    return volumes;
  }

  private static Volume emptyDir(String name, long bytes) {
    return new VolumeBuilder()
        .withName(name)
        .withNewEmptyDir()
        .withSizeLimit(new Quantity(Long.toString(bytes)))
        .endEmptyDir()
        .build();
  }

  private static Container stageIn(RunSpec spec, KubernetesRunnerConfig config) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "fetch",
                "--url",
                config.staging().url().toString(),
                "--run",
                spec.runId(),
                "--token-file",
                TOKEN_DIR + "/fetch-token",
                "--dest",
                "/in",
                "--install-exec",
                EXEC));
    for (StagedInput input : spec.inputs()) {
      args.addAll(
          List.of("--input", input.name() + "=sha256:" + input.sha256() + ":" + input.size()));
    }
    return staging(RunObjects.STAGE_IN, config, args)
        .withVolumeMounts(
            stagingMounts(
                config,
                mount("inputs", "/in", false),
                mount("capenv-bin", "/capenv/bin", false),
                tokenMount("fetch-token")))
        .build();
  }

  private static Container tool(RunSpec spec) {
    List<String> command = new ArrayList<>();
    if (spec.stdoutOutput().isPresent()) {
      // no shell in the tool image is assumed or used: capenv-exec redirects stdout, then execs
      command.addAll(List.of(EXEC, "--stdout", "/out/" + spec.stdoutOutput().get(), "--"));
    }
    command.addAll(spec.containerArgv());
    List<EnvVar> env = new ArrayList<>();
    spec.env().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> env.add(new EnvVar(e.getKey(), e.getValue(), null)));
    env.add(new EnvVar("HOME", "/tmp", null));
    env.add(new EnvVar("TMPDIR", "/tmp", null));
    return new ContainerBuilder()
        .withName(RunObjects.TOOL_CONTAINER)
        .withImage(spec.image().toString())
        .withImagePullPolicy("IfNotPresent")
        .withCommand(command)
        .withArgs(List.of())
        .withEnv(env)
        .withWorkingDir("/out")
        .withResources(resources(spec.resources().cpuMillicores(), spec.resources().memoryBytes()))
        .withSecurityContext(restricted())
        .withVolumeMounts(
            mount("inputs", "/in", true),
            mount("outputs", "/out", false),
            mount("tmp", "/tmp", false),
            mount("capenv-bin", "/capenv/bin", true))
        .build();
  }

  private static Container stageOut(RunSpec spec, KubernetesRunnerConfig config) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "upload",
                "--url",
                config.staging().url().toString(),
                "--run",
                spec.runId(),
                "--token-file",
                TOKEN_DIR + "/upload-token",
                "--src",
                "/out",
                "--max-total",
                Long.toString(spec.limits().outputMaxBytes()),
                "--manifest",
                "/dev/termination-log"));
    for (DeclaredOutput output : spec.outputs()) {
      args.addAll(List.of("--output", output.name() + ":" + output.maxBytes()));
    }
    return staging(RunObjects.STAGE_OUT, config, args)
        .withTerminationMessagePolicy("File")
        .withVolumeMounts(
            stagingMounts(config, mount("outputs", "/out", true), tokenMount("upload-token")))
        .build();
  }

  /**
   * A staging container: the stager image with its arguments, plus {@code --ca-file} when a CA
   * bundle is configured. The tool container never gets the CA: it has no business with staging.
   */
  private static ContainerBuilder staging(
      String name, KubernetesRunnerConfig config, List<String> args) {
    List<String> all = new ArrayList<>(args);
    if (config.staging().caConfigMap().isPresent()) {
      all.addAll(List.of("--ca-file", CA_DIR + "/" + StagingEndpoint.CA_KEY));
    }
    return new ContainerBuilder()
        .withName(name)
        .withImage(config.stagerImage().toString())
        .withImagePullPolicy("IfNotPresent")
        .withArgs(all)
        .withResources(resources(200, 128L << 20))
        .withSecurityContext(restricted());
  }

  static SecurityContext restricted() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser((long) UID)
        .withRunAsGroup((long) UID)
        .withAllowPrivilegeEscalation(false)
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop(List.of("ALL"))
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  private static ResourceRequirements resources(long millicores, long memoryBytes) {
    Map<String, Quantity> amounts =
        Map.of(
            "cpu", new Quantity(millicores + "m"),
            "memory", new Quantity(Long.toString(memoryBytes)));
    return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts).build();
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly)
        .build();
  }

  /** The given mounts of a staging container, plus the CA bundle read-only when configured. */
  private static List<VolumeMount> stagingMounts(
      KubernetesRunnerConfig config, VolumeMount... mounts) {
    List<VolumeMount> all = new ArrayList<>(List.of(mounts));
    if (config.staging().caConfigMap().isPresent()) {
      all.add(mount(CA_VOLUME, CA_DIR, true));
    }
    return all;
  }

  /** Mounts one key of the token Secret, so each staging container sees only its own token. */
  private static VolumeMount tokenMount(String key) {
    return new VolumeMountBuilder()
        .withName("staging-token")
        .withMountPath(TOKEN_DIR + "/" + key)
        .withSubPath(key)
        .withReadOnly(true)
        .build();
  }
}
