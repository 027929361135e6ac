package org.capenv.api.run.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.api.run.persistence.RunStateValue;
import org.capenv.api.security.CallerIdentity;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.PolicyRef;
import org.capenv.audit.store.Appended;
import org.capenv.catalog.manifest.CanonicalJson;
import org.capenv.catalog.manifest.ToolManifest;

/**
 * Records an authorised run, in the request: its row ({@code PENDING}) with its {@code
 * run.requested} and {@code policy.decided} entries, committed together before the caller is
 * answered (ADR 0060, 0063). Runs accepted concurrently are committed in one transaction (ADR
 * 0097): each caller still waits for the commit that holds its own run.
 */
@ApplicationScoped
public class RunRecorder {
  /** A run row to insert and the entries that must commit with it. */
  record Recording(RunEntity run, List<AuditEntry> entries) {}

  @Inject RunRepository runs;
  @Inject AuditRecorder audit;
  @Inject RunViews views;
  @Inject RunMetrics metrics;
  @Inject RunsConfig config;

  private RecordBatcher<Recording, List<Appended>> batcher;

  @PostConstruct
  void start() {
    batcher = new RecordBatcher<>("capenv-run-record", config.recordMaxBatch(), this::commit);
  }

  @PreDestroy
  void stop() {
    batcher.close();
  }

  /** Accepted runs waiting for a commit to take them. */
  public int waiting() {
    return batcher.waiting();
  }

  /**
   * The run record with its {@code run.requested} and {@code policy.decided} entries, committed.
   *
   * @return the run as recorded (PENDING), with the sequence numbers of its two entries
   */
  @WithSpan("capenv.run.record")
  RunView record(
      CallerIdentity caller,
      String runId,
      ToolManifest manifest,
      ObjectNode parameters,
      List<RunView.FileView> inputs,
      RunRequest request,
      PolicyRef policy,
      String key,
      String requestDigest) {
    RunEntity run = new RunEntity();
    run.id = runId;
    run.state = RunStateValue.PENDING;
    run.toolName = manifest.name();
    run.toolVersion = manifest.version();
    run.image = manifest.image();
    run.manifestDigest = manifest.digest();
    run.successExitCodes =
        String.join(
            ",",
            manifest.command().successExitCodes().stream().sorted().map(String::valueOf).toList());
    byte[] canonical = CanonicalJson.encode(parameters);
    run.parameters = new String(canonical, StandardCharsets.UTF_8);
    run.parametersDigest = CanonicalJson.sha256(canonical).substring("sha256:".length());
    run.inputs = views.write(inputs);
    run.outputs = "[]";
    run.purpose = request.purpose();
    run.caseReference = request.caseReference();
    run.classification = request.classification();
    run.ownerSubject = caller.subject();
    run.ownerUsername = caller.username();
    run.clientId = caller.isClient() ? caller.clientId().orElse(null) : null;
    run.force = caller.force().orElseThrow();
    run.policyDigest = policy.bundleDigest();
    run.policyRules = views.write(policy.rules());
    run.policyMessages = views.write(policy.reasons());
    run.idempotencyKey = key;
    run.requestDigest = requestDigest;
    run.createdAt = RunService.now();
    run.updatedAt = run.createdAt;
    // built here, on the request's thread: they carry its trace id and origin
    List<AuditEntry> entries =
        List.of(
            views
                .base(audit.entry(Action.RUN_REQUESTED, caller), run)
                .detail("classification", run.classification)
                .build(),
            views.base(audit.entry(Action.POLICY_DECIDED, caller), run).policy(policy).build());
    List<Appended> appended = batcher.submit(new Recording(run, entries));
    metrics.entered(run.toolName, run.state.name());
    return views.summary(
        run,
        List.of(
            new RunView.AuditRef(appended.get(0).seq(), Action.RUN_REQUESTED.code()),
            new RunView.AuditRef(appended.get(1).seq(), Action.POLICY_DECIDED.code())));
  }

  /**
   * Inserts the runs, then appends all their entries at once: the head lock is taken last, after
   * the rows are written, and held only for the append and the commit.
   */
  @Transactional
  @ActivateRequestContext
  List<List<Appended>> commit(List<Recording> batch) {
    List<AuditEntry> entries = new ArrayList<>();
    for (Recording r : batch) {
      runs.persist(r.run());
      entries.addAll(r.entries());
    }
    List<Appended> appended = audit.append(entries);
    List<List<Appended>> results = new ArrayList<>(batch.size());
    int at = 0;
    for (Recording r : batch) {
      int n = r.entries().size();
      results.add(List.copyOf(appended.subList(at, at + n)));
      at += n;
    }
    return results;
  }
}
