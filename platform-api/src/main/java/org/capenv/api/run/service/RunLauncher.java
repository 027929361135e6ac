package org.capenv.api.run.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.api.run.persistence.RunStateValue;
import org.capenv.api.security.CallerIdentity;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.entry.PolicyRef;
import org.capenv.catalog.manifest.CanonicalJson;
import org.capenv.catalog.manifest.ToolManifest;
import org.capenv.runner.RunStatus;
import org.capenv.runner.RunnerException;
import org.capenv.runner.ToolRunner;
import org.capenv.runner.spec.InvalidRunSpecException;
import org.capenv.runner.spec.RunSpec;
import org.jboss.logging.Logger;

/**
 * Records an authorised run and hands it to the runner. The run row is locked while the runner
 * accepts it, so that the completion of a very short run (observed on another thread) is recorded
 * only after its launch: the log always reads requested, decided, launched, then the end.
 */
@ApplicationScoped
public class RunLauncher {
  private static final Logger LOG = Logger.getLogger(RunLauncher.class);

  @Inject RunRepository runs;
  @Inject AuditRecorder audit;
  @Inject RunViews views;
  @Inject RunSpecFactory specs;
  @Inject ToolRunner runner;
  @Inject RunMetrics metrics;

  /** The run record with its {@code run.requested} and {@code policy.decided} entries. */
  @Transactional
  @WithSpan("capenv.run.record")
  RunEntity record(
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
    run.parameters = new String(CanonicalJson.encode(parameters), StandardCharsets.UTF_8);
    run.parametersDigest = CanonicalJson.sha256(parameters).substring("sha256:".length());
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
    runs.persist(run);
    metrics.entered(run.toolName, run.state.name());
    runs.flush();
    audit.append(
        List.of(
            views
                .base(audit.entry(Action.RUN_REQUESTED, caller), run)
                .detail("classification", run.classification)
                .build(),
            views.base(audit.entry(Action.POLICY_DECIDED, caller), run).policy(policy).build()));
    return run;
  }

  /**
   * Launches a recorded run. A runner that refuses ends the run FAILED with a {@code run.failed}
   * entry; the caller still gets the run (202), whose state says what happened.
   */
  @WithSpan("capenv.run.launch")
  void launch(
      CallerIdentity caller,
      String runId,
      ToolManifest manifest,
      ObjectNode parameters,
      List<RunView.FileView> inputs) {
    try {
      launchLocked(caller, runId, manifest, parameters, inputs);
    } catch (RuntimeException e) {
      LOG.warnf("run %s could not be launched: %s", runId, e.getClass().getSimpleName());
      failLaunch(
          caller, runId, e instanceof InvalidRunSpecException ? "InvalidRunSpec" : "LaunchFailed");
    }
  }

  @Transactional
  void launchLocked(
      CallerIdentity caller,
      String runId,
      ToolManifest manifest,
      ObjectNode parameters,
      List<RunView.FileView> inputs) {
    RunEntity run = runs.findForUpdate(runId).orElseThrow();
    RunSpec spec = specs.build(runId, manifest, parameters, inputs);
    RunStatus status = runner.launch(spec);
    run.state = RunStateValue.RUNNING;
    metrics.entered(run.toolName, run.state.name());
    run.launchedAt = RunService.now();
    run.updatedAt = run.launchedAt;
    audit.append(
        List.of(
            views
                .base(audit.entry(Action.RUN_LAUNCHED, caller), run)
                .detail("runnerState", status.state().name())
                .build()));
  }

  @Transactional
  void failLaunch(CallerIdentity caller, String runId, String reason) {
    RunEntity run = runs.findForUpdate(runId).orElseThrow();
    if (run.state.isTerminal()) {
      return;
    }
    try {
      runner.cancel(runId);
    } catch (RunnerException e) {
      // the runner never accepted it: nothing to stop
    }
    run.state = RunStateValue.FAILED;
    metrics.entered(run.toolName, run.state.name());
    run.reason = reason;
    run.finishedAt = RunService.now();
    run.updatedAt = run.finishedAt;
    audit.append(
        List.of(
            views
                .base(audit.entry(Action.RUN_FAILED, caller), run)
                .outcome(Outcome.FAILURE)
                .detail("reason", reason)
                .build()));
  }
}
