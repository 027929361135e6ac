package org.capenv.api.run.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.api.run.persistence.RunStateValue;
import org.capenv.api.tool.service.ManifestCache;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Actor;
import org.capenv.audit.entry.Outcome;
import org.capenv.catalog.manifest.ToolManifest;
import org.capenv.runner.RunStatus;
import org.capenv.runner.RunnerException;
import org.capenv.runner.ToolRunner;
import org.capenv.runner.spec.InvalidRunSpecException;
import org.capenv.runner.spec.RunSpec;
import org.jboss.logging.Logger;

/**
 * Hands a recorded run to the runner, on a launch worker (ADR 0063). The run row is locked while
 * the runner accepts it, so that the completion of a very short run (observed on another thread) is
 * recorded only after its launch: the log always reads requested, decided, launched, then the end.
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
  @Inject RunCompletion completion;
  @Inject ManifestCache manifests;
  @Inject ObjectMapper json;

  /**
   * Launches a recorded run, on a launch worker. A run that is no longer PENDING (cancelled while
   * it waited, or launched already) is left alone. A runner that refuses, or a launch that cannot
   * be recorded, ends the run FAILED with a {@code run.failed} entry: an accepted run is never
   * silently lost. If the runner answers with an end already (a run it had accepted before the
   * platform restarted), that end is recorded after the launch, through {@link RunCompletion}.
   */
  @ActivateRequestContext
  @WithSpan("capenv.run.launch")
  void launch(LaunchOrder order) {
    RunStatus status;
    try {
      status = launchLocked(order.runId(), order.actor());
    } catch (RuntimeException e) {
      LOG.warnf("run %s could not be launched: %s", order.runId(), e.getClass().getSimpleName());
      try {
        failLaunch(
            order.actor(),
            order.runId(),
            e instanceof InvalidRunSpecException ? "InvalidRunSpec" : "LaunchFailed");
      } catch (RuntimeException recording) {
        // it stays PENDING on record, and is queued again on the next start
        LOG.errorf(
            "run %s could not be launched nor ended: %s",
            order.runId(), recording.getClass().getName());
      }
      return;
    }
    if (status != null && status.state().isTerminal()) {
      completion.observed(status);
    }
  }

  /**
   * Holds the run's row lock from before the runner is called until {@code run.launched} commits:
   * an end the runner reports meanwhile waits for it (ADR 0060).
   *
   * @return the runner's status, or null if the run was not PENDING
   */
  @Transactional
  RunStatus launchLocked(String runId, Actor actor) {
    RunEntity run = runs.findForUpdate(runId).orElse(null);
    if (run == null || run.state != RunStateValue.PENDING) {
      return null;
    }
    RunSpec spec = specs.build(runId, manifest(run), parameters(run), views.files(run.inputs));
    RunStatus status = runner.launch(spec);
    run.state = RunStateValue.RUNNING;
    metrics.entered(run.toolName, run.state.name());
    run.launchedAt = RunService.now();
    run.updatedAt = run.launchedAt;
    audit.append(
        List.of(
            views
                .base(audit.entry(Action.RUN_LAUNCHED, actor), run)
                .detail("runnerState", status.state().name())
                .build()));
    return status;
  }

  /** The approved manifest the run was accepted under, as stored with its digest. */
  private ToolManifest manifest(RunEntity run) {
    return manifests
        .stored(run.toolName, run.toolVersion, run.manifestDigest)
        .orElseThrow(() -> new RunnerException("the manifest of run " + run.id + " is not stored"));
  }

  private ObjectNode parameters(RunEntity run) {
    try {
      return (ObjectNode) json.readTree(run.parameters);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new RunnerException("the parameters of run " + run.id + " are not readable");
    }
  }

  @Transactional
  void failLaunch(Actor actor, String runId, String reason) {
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
                .base(audit.entry(Action.RUN_FAILED, actor), run)
                .outcome(Outcome.FAILURE)
                .detail("reason", reason)
                .build()));
  }
}
