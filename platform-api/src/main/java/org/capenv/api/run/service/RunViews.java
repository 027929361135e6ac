package org.capenv.api.run.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.util.List;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.catalog.manifest.ToolManifest;

/** Maps run records to API views and back from their JSON columns. */
@ApplicationScoped
public class RunViews {
  private static final TypeReference<List<RunView.FileView>> FILES = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  @Inject ObjectMapper json;
  @Inject RunRepository runs;
  @Inject PostgresAuditStore auditLog;

  @Transactional
  RunView find(String id) {
    return view(runs.findById(id));
  }

  /** The view of a run, with the sequence numbers of its audit entries. */
  RunView view(RunEntity run) {
    List<RunView.AuditRef> entries =
        auditLog.search(AuditQuery.all(AuditQuery.MAX_LIMIT).withRunId(run.id)).entries().stream()
            .map(e -> new RunView.AuditRef(e.seq(), e.entry().action().code()))
            .toList();
    return summary(run, entries);
  }

  /** The view of a run without its audit entries (lists). */
  RunView summary(RunEntity run, List<RunView.AuditRef> entries) {
    try {
      return new RunView(
          run.id,
          run.state.name(),
          run.toolName,
          run.toolVersion,
          run.image,
          json.readTree(run.parameters),
          run.parametersDigest,
          files(run.inputs),
          files(run.outputs),
          run.purpose,
          run.caseReference,
          run.classification,
          run.clientId != null ? run.clientId : run.ownerUsername,
          run.force,
          new RunView.PolicyView(
              run.policyDigest,
              json.readValue(run.policyRules, STRINGS),
              json.readValue(run.policyMessages, STRINGS)),
          run.exitCode,
          run.reason,
          run.createdAt,
          run.launchedAt,
          run.finishedAt,
          entries);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a stored run column is not valid JSON", e);
    }
  }

  List<RunView.FileView> files(String text) {
    try {
      return json.readValue(text, FILES);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a stored run column is not valid JSON", e);
    }
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a run column", e);
    }
  }

  /** The facts every entry about a run repeats: tool, justification, inputs. */
  static AuditEntry.Builder base(
      AuditEntry.Builder entry,
      ToolManifest manifest,
      RunRequest request,
      List<RunView.FileView> inputs) {
    entry
        .tool(manifest.name(), manifest.version(), manifest.image())
        .justification(request.purpose(), request.caseReference())
        .detail("classification", request.classification());
    inputs.forEach(i -> entry.input(i.name(), i.sha256()));
    return entry;
  }

  /** The same facts from a stored run. */
  AuditEntry.Builder base(AuditEntry.Builder entry, RunEntity run) {
    entry
        .runId(run.id)
        .tool(run.toolName, run.toolVersion, run.image)
        .justification(run.purpose, run.caseReference)
        .parametersDigest(run.parametersDigest);
    files(run.inputs).forEach(i -> entry.input(i.name(), i.sha256()));
    return entry;
  }
}
