package org.capenv.catalog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the typed view of a document that has already passed every rule. */
final class ManifestMapper {

  private ManifestMapper() {}

  static ToolManifest map(JsonNode d, String digest) {
    JsonNode src = d.get("source");
    JsonNode cmd = d.get("command");
    JsonNode res = d.get("resources");
    JsonNode acc = d.get("access");
    JsonNode tr = d.get("transparency");
    Set<Integer> exitCodes = new LinkedHashSet<>();
    if (cmd.has("successExitCodes")) {
      cmd.get("successExitCodes").forEach(c -> exitCodes.add(c.intValue()));
    } else {
      exitCodes.add(0);
    }
    List<ToolManifest.Maintainer> maintainers = new ArrayList<>();
    d.get("maintainers")
        .forEach(
            m ->
                maintainers.add(
                    new ToolManifest.Maintainer(
                        m.get("name").textValue(),
                        optional(m, "organisation"),
                        m.get("contact").textValue())));
    List<ToolManifest.Input> inputs = new ArrayList<>();
    d.get("inputs")
        .forEach(
            i ->
                inputs.add(
                    new ToolManifest.Input(
                        i.get("name").textValue(),
                        i.get("description").textValue(),
                        strings(i.get("mediaTypes")),
                        i.get("maxBytes").longValue())));
    List<ToolManifest.Output> outputs = new ArrayList<>();
    d.get("outputs")
        .forEach(
            o ->
                outputs.add(
                    new ToolManifest.Output(
                        o.get("name").textValue(),
                        o.get("description").textValue(),
                        o.get("mediaType").textValue(),
                        o.get("maxBytes").longValue(),
                        "stdout".equals(o.path("from").asText("file"))
                            ? ToolManifest.OutputSource.STDOUT
                            : ToolManifest.OutputSource.FILE)));
    JsonNode forces = acc.get("forces");
    boolean allForces = forces.isTextual();
    return new ToolManifest(
        d.get("name").textValue(),
        d.get("version").textValue(),
        d.get("summary").textValue(),
        d.get("description").textValue(),
        new ToolManifest.Source(
            src.get("repository").textValue(),
            src.get("release").textValue(),
            optional(src, "commit"),
            Optional.ofNullable(src.get("package"))
                .map(
                    p ->
                        new ToolManifest.Package(
                            p.get("distribution").textValue(),
                            p.get("name").textValue(),
                            p.get("version").textValue()))),
        d.get("licence").textValue(),
        List.copyOf(maintainers),
        d.get("image").textValue(),
        new ToolManifest.Command(
            strings(cmd.get("container")), strings(cmd.get("local")), Set.copyOf(exitCodes)),
        ((ObjectNode) d.get("parameters")).deepCopy(),
        List.copyOf(inputs),
        List.copyOf(outputs),
        new ToolManifest.Resources(
            res.get("cpuMillicores").intValue(),
            res.get("memoryMiB").intValue(),
            res.get("timeoutSeconds").intValue()),
        new ToolManifest.Access(
            DataClassification.fromLabel(acc.get("maxClassification").textValue()),
            VettingLevel.valueOf(acc.get("minVetting").textValue()),
            strings(acc.get("roles")),
            allForces,
            allForces ? List.of() : strings(forces)),
        new ToolManifest.Transparency(
            tr.get("purpose").textValue(),
            tr.get("howItWorks").textValue(),
            tr.get("humanOversight").textValue(),
            tr.get("risksAndLimitations").textValue(),
            tr.get("dpiaReference").textValue(),
            tr.get("equalityImpactReference").textValue(),
            tr.get("ethicsPanelReference").textValue()),
        d.deepCopy(),
        digest);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>(array.size());
    array.forEach(e -> out.add(e.textValue()));
    return List.copyOf(out);
  }

  private static Optional<String> optional(JsonNode parent, String field) {
    JsonNode v = parent.get(field);
    return v == null ? Optional.empty() : Optional.of(v.textValue());
  }
}
