package org.capenv.api.run.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.capenv.api.blob.BlobStore;
import org.capenv.catalog.manifest.ToolManifest;
import org.capenv.runner.RunnerException;
import org.capenv.runner.spec.ArgvTemplate;
import org.capenv.runner.spec.DeclaredOutput;
import org.capenv.runner.spec.ImageReference;
import org.capenv.runner.spec.Limits;
import org.capenv.runner.spec.Resources;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.spec.StagedInput;

/**
 * Builds a {@link RunSpec} from the approved manifest, the resolved parameters and the stored
 * inputs only: nothing of the request reaches the runner except validated parameter values and the
 * hashes of the caller's own blobs.
 */
@ApplicationScoped
public class RunSpecFactory {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  @Inject BlobStore blobs;
  @Inject ObjectMapper json;
  @Inject RunsConfig config;

  RunSpec build(
      String runId, ToolManifest manifest, ObjectNode parameters, List<RunView.FileView> inputs) {
    Map<String, Object> values = json.convertValue(parameters, MAP);
    Set<String> inputNames =
        inputs.stream().map(RunView.FileView::name).collect(Collectors.toSet());
    Set<String> outputNames =
        manifest.outputs().stream().map(ToolManifest.Output::name).collect(Collectors.toSet());
    List<StagedInput> staged =
        inputs.stream()
            .map(
                i ->
                    new StagedInput(
                        i.name(),
                        blobs
                            .localPath(i.sha256())
                            .orElseThrow(
                                () -> new RunnerException("input " + i.name() + " is not stored"))
                            .toAbsolutePath()
                            .normalize(),
                        i.sha256(),
                        i.size()))
            .toList();
    ToolManifest.Resources resources = manifest.resources();
    long outputTotal = manifest.outputs().stream().mapToLong(ToolManifest.Output::maxBytes).sum();
    return new RunSpec(
        runId,
        manifest.name(),
        manifest.version(),
        ImageReference.parse(manifest.image()),
        ArgvTemplate.parse(manifest.command().container()).expand(values, inputNames, outputNames),
        ArgvTemplate.parse(manifest.command().local()).expand(values, inputNames, outputNames),
        Map.of(),
        staged,
        manifest.outputs().stream().map(o -> new DeclaredOutput(o.name(), o.maxBytes())).toList(),
        new Resources(
            resources.cpuMillicores(),
            resources.memoryBytes(),
            Duration.ofSeconds(resources.timeoutSeconds())),
        new Limits(config.logMaxSize().asLongValue(), Math.max(1, outputTotal)),
        manifest.outputs().stream()
            .filter(o -> o.from() == ToolManifest.OutputSource.STDOUT)
            .map(ToolManifest.Output::name)
            .findFirst());
  }
}
