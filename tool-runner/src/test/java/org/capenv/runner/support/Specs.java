package org.capenv.runner.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.capenv.runner.spec.DeclaredOutput;
import org.capenv.runner.spec.ImageReference;
import org.capenv.runner.spec.Limits;
import org.capenv.runner.spec.Resources;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.spec.StagedInput;

/** Builds run specs for tests, as the platform would from an approved manifest. */
public final class Specs {
  public static final String DIGEST = "sha256:" + "ab".repeat(32);
  public static final ImageReference IMAGE =
      ImageReference.parse("registry.example.police.uk/tools/miller@" + DIGEST);

  private String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
  private String tool = "miller";
  private String version = "6.8.0";
  private List<String> argv = List.of("true");
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<StagedInput> inputs = new ArrayList<>();
  private final List<DeclaredOutput> outputs = new ArrayList<>();
  private Duration timeout = Duration.ofSeconds(20);
  private long cpuMillicores = 1000;
  private long memory = 512L << 20;
  private long logMax = 64 * 1024;
  private long outputMax = 8L << 20;
  private Optional<String> stdoutOutput = Optional.empty();

  public static Specs spec(String... argv) {
    Specs specs = new Specs();
    specs.argv = List.of(argv);
    return specs;
  }

  public Specs runId(String id) {
    runId = id;
    return this;
  }

  public Specs tool(String name, String ver) {
    tool = name;
    version = ver;
    return this;
  }

  public Specs env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Writes content into the staging folder and declares it, with its real hash. */
  public Specs input(Path staging, String name, byte[] content) throws IOException {
    Path file = staging.resolve(UUID.randomUUID().toString());
    Files.write(file, content);
    inputs.add(new StagedInput(name, file.toAbsolutePath(), sha256(content), content.length));
    return this;
  }

  public Specs input(StagedInput input) {
    inputs.add(input);
    return this;
  }

  public Specs output(String name, long maxBytes) {
    outputs.add(new DeclaredOutput(name, maxBytes));
    return this;
  }

  public Specs stdoutTo(String name, long maxBytes) {
    output(name, maxBytes);
    stdoutOutput = Optional.of(name);
    return this;
  }

  public Specs timeout(Duration value) {
    timeout = value;
    return this;
  }

  public Specs cpu(long millicores) {
    cpuMillicores = millicores;
    return this;
  }

  public Specs memory(long bytes) {
    memory = bytes;
    return this;
  }

  public Specs logMax(long bytes) {
    logMax = bytes;
    return this;
  }

  public Specs outputMax(long bytes) {
    outputMax = bytes;
    return this;
  }

  public RunSpec build() {
    return new RunSpec(
        runId,
        tool,
        version,
        IMAGE,
        argv,
        argv,
        env,
        inputs,
        outputs,
        new Resources(cpuMillicores, memory, timeout),
        new Limits(logMax, outputMax),
        stdoutOutput);
  }

  /** Independent of the runner's own hashing helper, so a bug there cannot hide here. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
