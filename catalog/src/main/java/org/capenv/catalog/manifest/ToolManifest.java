package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated tool manifest: one version of a tool. Only {@link ManifestParser} creates instances,
 * after every schema and semantic rule has passed, so holders may rely on the invariants documented
 * in docs/tool-manifest.md (image pinned by digest, placeholders resolvable, parameter schema
 * well-formed).
 *
 * @param document the parsed manifest as a JSON tree (read-only by convention: it is the input of
 *     {@link #digest()})
 * @param digest {@code sha256:<hex>} over the canonical JSON of {@code document}
 */
public record ToolManifest(
    String name,
    String version,
    String summary,
    String description,
    Source source,
    String licence,
    List<Maintainer> maintainers,
    String image,
    Command command,
    ObjectNode parameters,
    List<Input> inputs,
    List<Output> outputs,
    Resources resources,
    Access access,
    Transparency transparency,
    JsonNode document,
    String digest) {

  /**
   * Where the tool's code comes from: the upstream release, pinned by a commit, by the distribution
   * package the image is built from, or both (at least one is present).
   */
  public record Source(
      String repository, String release, Optional<String> commit, Optional<Package> pkg) {}

  /** A distribution package, e.g. Debian bookworm's {@code miller 6.6.0-2+b3}. */
  public record Package(String distribution, String name, String version) {}

  /** A person or team answerable for the tool. */
  public record Maintainer(String name, Optional<String> organisation, String contact) {}

  /**
   * The argv templates (never run through a shell) and the exit codes that mean success.
   *
   * @param container argv for the container image
   * @param local argv for the local bubblewrap sandbox
   */
  public record Command(
      List<String> container, List<String> local, Set<Integer> successExitCodes) {}

  /** A named input file, staged read-only at {@code /in/NAME}. */
  public record Input(String name, String description, List<String> mediaTypes, long maxBytes) {}

  /** Where an output's bytes come from. */
  public enum OutputSource {
    /** The tool writes the file {@code /out/NAME} itself. */
    FILE,
    /** The runner captures the tool's standard output (bounded by maxBytes) as this output. */
    STDOUT
  }

  /** A named output the run produces. */
  public record Output(
      String name, String description, String mediaType, long maxBytes, OutputSource from) {}

  /** Resource limits of one run. */
  public record Resources(int cpuMillicores, int memoryMiB, int timeoutSeconds) {

    public long memoryBytes() {
      return memoryMiB * 1024L * 1024L;
    }
  }

  /**
   * Who may run the tool on what data.
   *
   * @param forces the forces allowed; empty when {@code allForces}
   */
  public record Access(
      DataClassification maxClassification,
      VettingLevel minVetting,
      List<String> roles,
      boolean allForces,
      List<String> forces) {

    public boolean allowsForce(String force) {
      return allForces || forces.contains(force);
    }
  }

  /**
   * The published transparency record (after the UK Algorithmic Transparency Recording Standard).
   */
  public record Transparency(
      String purpose,
      String howItWorks,
      String humanOversight,
      String risksAndLimitations,
      String dpiaReference,
      String equalityImpactReference,
      String ethicsPanelReference) {}

  /** {@code name@version}, the key of a tool version in the catalogue. */
  public String coordinates() {
    return name + "@" + version;
  }

  public Optional<Output> output(String outputName) {
    return outputs.stream().filter(o -> o.name().equals(outputName)).findFirst();
  }

  public Optional<Input> input(String inputName) {
    return inputs.stream().filter(i -> i.name().equals(inputName)).findFirst();
  }
}
