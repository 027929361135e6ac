package org.capenv.runner.spec;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a runner needs to run one approved tool version, built by the platform from the
 * approved manifest, the validated parameters and the staged inputs only.
 *
 * <p>There is deliberately no field for a pod spec, a mount, a shell command or an image chosen by
 * the caller: the argv lists are expanded from the manifest's templates by {@link ArgvTemplate},
 * the image is the manifest's digest. All collections are copied and immutable.
 *
 * @param runId platform run id, also the idempotency key of {@code launch}
 * @param toolName catalogue name of the tool
 * @param toolVersion approved version
 * @param image image by digest (Kubernetes backend)
 * @param containerArgv argv of the tool container (Kubernetes backend)
 * @param localArgv argv inside the local sandbox; element 0 is an absolute path or a command in
 *     {@code /usr/bin}
 * @param env environment the manifest declares; nothing else reaches the tool
 * @param inputs staged inputs, visible read-only at {@code /in/<name>}
 * @param outputs declared outputs, written at {@code /out/<name>}
 * @param resources CPU, memory and deadline
 * @param limits log and total output byte limits
 * @param stdoutOutput name of a declared output that receives the tool's standard output, if the
 *     manifest says the tool writes its result there
 */
public record RunSpec(
    String runId,
    String toolName,
    String toolVersion,
    ImageReference image,
    List<String> containerArgv,
    List<String> localArgv,
    Map<String, String> env,
    List<StagedInput> inputs,
    List<DeclaredOutput> outputs,
    Resources resources,
    Limits limits,
    Optional<String> stdoutOutput) {

  public RunSpec {
    Names.runId(runId);
    Names.tool(toolName);
    Names.version(toolVersion);
    require(image, "image");
    require(resources, "resources");
    require(limits, "limits");
    containerArgv = argv("containerArgv", containerArgv);
    localArgv = argv("localArgv", localArgv);
    env = environment(env);
    inputs = List.copyOf(require(inputs, "inputs"));
    outputs = List.copyOf(require(outputs, "outputs"));
    stdoutOutput = require(stdoutOutput, "stdoutOutput");
    Set<String> names = new HashSet<>();
    for (StagedInput input : inputs) {
      if (!names.add("in/" + input.name())) {
        throw new InvalidRunSpecException("input " + input.name() + " is declared twice");
      }
    }
    for (DeclaredOutput output : outputs) {
      if (!names.add("out/" + output.name())) {
        throw new InvalidRunSpecException("output " + output.name() + " is declared twice");
      }
    }
    if (stdoutOutput.isPresent() && !names.contains("out/" + stdoutOutput.get())) {
      throw new InvalidRunSpecException(
          "stdoutOutput " + stdoutOutput.get() + " is not a declared output");
    }
  }

  /** The declared output with this name, if any. */
  public Optional<DeclaredOutput> output(String name) {
    return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  private static List<String> argv(String what, List<String> argv) {
    require(argv, what);
    if (argv.isEmpty()) {
      throw new InvalidRunSpecException(what + " is empty");
    }
    for (String element : argv) {
      if (element == null || element.indexOf('\0') >= 0) {
        throw new InvalidRunSpecException(what + " has a null element or a NUL character");
      }
    }
    if (argv.get(0).isEmpty()) {
      throw new InvalidRunSpecException(what + "[0] (the program) is empty");
    }
    return List.copyOf(argv);
  }

  private static Map<String, String> environment(Map<String, String> env) {
    require(env, "env");
    Map<String, String> copy = new LinkedHashMap<>();
    env.forEach(
        (name, value) -> {
          Names.env(name);
          if (value == null || value.indexOf('\0') >= 0) {
            throw new InvalidRunSpecException("env " + name + " has a null value or a NUL");
          }
          copy.put(name, value);
        });
    return Map.copyOf(copy);
  }

  private static <T> T require(T value, String what) {
    if (value == null) {
      throw new InvalidRunSpecException(what + " is missing");
    }
    return value;
  }
}
