package org.capenv.api.run.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.blob.BlobEntity;
import org.capenv.api.blob.BlobStore;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.run.persistence.RunLogEntity;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.api.run.persistence.RunStateValue;
import org.capenv.api.staging.service.StagingService;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Actor;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.Outcome;
import org.capenv.runner.RunNotFoundException;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.ToolRunner;
import org.jboss.logging.Logger;

/**
 * Observes the runner and records how runs end: outputs hashed and stored as blobs of the run's
 * force, the state change and its {@code run.completed}, {@code run.failed} or {@code
 * run.cancelled} entry in one transaction. On start, brings every unfinished run to its true state.
 * Status changes are handled one at a time on a dedicated thread, never on the runner's.
 */
@ApplicationScoped
public class RunCompletion {
  static final Actor RUNNER = Actor.system("runner");
  private static final Logger LOG = Logger.getLogger(RunCompletion.class);

  @Inject ToolRunner runner;
  @Inject RunRepository runs;
  @Inject RunViews views;
  @Inject BlobStore blobs;
  @Inject AuditRecorder audit;
  @Inject RunMetrics metrics;
  @Inject StagingService staged;

  private RunCompletion self;

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "capenv-run-completion"));

  void start(@Observes StartupEvent event, RunCompletion self, LaunchDispatcher launches) {
    this.self = self;
    runner.addListener(this::observed);
    runner.reconcile();
    self.reconcile();
    // after the listener: a recovered run's end is observed whichever way it comes
    launches.recover();
  }

  /** Queues a status the runner reported, to be recorded on the completion thread. */
  void observed(RunStatus status) {
    worker.execute(() -> self.safely(status));
  }

  /**
   * Brings every run the platform launched that has not ended to its true state: the runner's
   * status of it, or FAILED when the runner does not know it (its state is lost). Runs still active
   * stay as they are and end through the listener. Runs recorded but not launched are the launch
   * queue's ({@link LaunchDispatcher#recover}).
   *
   * @return how many launched runs were unfinished
   */
  public int reconcile() {
    List<String> ids = unfinished();
    for (String id : ids) {
      RunStatus status;
      try {
        status = runner.status(id);
      } catch (RunNotFoundException e) {
        status = RunStatus.of(id, RunState.FAILED, "UnknownToRunner", "the runner has no such run");
      }
      safely(status);
    }
    return ids.size();
  }

  void stop(@Observes ShutdownEvent event) {
    worker.shutdown();
  }

  @Transactional
  List<String> unfinished() {
    return runs.launched().stream().map(r -> r.id).toList();
  }

  void safely(RunStatus status) {
    boolean ended;
    try {
      ended = complete(status);
    } catch (RuntimeException e) {
      LOG.errorf("cannot record the end of run %s: %s", status.runId(), e.getClass().getName());
      return;
    }
    if (ended) {
      // committed with its log and outputs: the runner need not hold the run any longer
      runner.forget(status.runId());
    }
  }

  /**
   * Records a terminal status once; earlier or repeated statuses change nothing. The end of a run
   * not yet recorded as launched is left to its launch, which records it after {@code run.launched}
   * (ADR 0060): the log never shows an end before a launch. The run's bounded log is stored in the
   * same transaction (ADR 0100).
   *
   * @return whether the run's end is recorded, by this call or an earlier one
   */
  @ActivateRequestContext
  @Transactional
  boolean complete(RunStatus status) {
    if (!status.state().isTerminal()) {
      return false;
    }
    Optional<RunEntity> found = runs.findForUpdate(status.runId());
    if (found.isEmpty() || found.get().state == RunStateValue.PENDING) {
      return false;
    }
    if (found.get().state.isTerminal()) {
      return true;
    }
    RunEntity run = found.get();
    RunLogEntity.of(run.id, runner.logsOrEmpty(run.id)).persist();
    run.exitCode = status.exitCode().orElse(null);
    run.reason = status.reason().isEmpty() ? null : truncate(status.reason(), 128);
    run.message = status.message();
    run.finishedAt = RunService.now();
    run.updatedAt = run.finishedAt;
    AuditEntry.Builder entry;
    if (status.state() == RunState.CANCELLED) {
      run.state = RunStateValue.CANCELLED;
      entry = views.base(audit.entry(Action.RUN_CANCELLED, RUNNER), run);
    } else if (status.state() == RunState.SUCCEEDED && succeeded(run, status)) {
      List<RunView.FileView> outputs = storeOutputs(run);
      if (outputs == null) {
        run.state = RunStateValue.FAILED;
        run.reason = "OutputIntegrity";
        entry = views.base(audit.entry(Action.RUN_FAILED, RUNNER), run).outcome(Outcome.FAILURE);
      } else {
        run.state = RunStateValue.COMPLETED;
        run.outputs = views.write(outputs);
        entry = views.base(audit.entry(Action.RUN_COMPLETED, RUNNER), run);
        for (RunView.FileView output : outputs) {
          entry.output(output.name(), output.sha256());
        }
      }
    } else {
      run.state = RunStateValue.FAILED;
      entry = views.base(audit.entry(Action.RUN_FAILED, RUNNER), run).outcome(Outcome.FAILURE);
    }
    if (run.exitCode != null) {
      entry.detail("exitCode", run.exitCode.toString());
    }
    if (run.reason != null) {
      entry.detail("reason", run.reason);
    }
    metrics.entered(run.toolName, run.state.name());
    audit.append(List.of(entry.build()));
    return true;
  }

  private static boolean succeeded(RunEntity run, RunStatus status) {
    List<String> codes = Arrays.asList(run.successExitCodes.split(","));
    return status.exitCode().map(c -> codes.contains(c.toString())).orElse(false);
  }

  /** The outputs stored as blobs of the run's force; null if one does not match its hash. */
  private List<RunView.FileView> storeOutputs(RunEntity run) {
    List<RunView.FileView> stored = new ArrayList<>();
    for (RunOutput output : runner.outputs(run.id)) {
      Optional<Path> file = output.localPath();
      try {
        // Kubernetes: the bytes came through the staging API, hashed there on receipt
        BlobStore.StoredBlob blob =
            file.isPresent()
                ? blobs.putFile(file.get(), output.sha256())
                : staged
                    .received(run.id, output.name(), output.sha256(), output.size())
                    .orElseThrow(() -> new IOException("received output differs"));
        BlobEntity entity = new BlobEntity();
        entity.sha256 = blob.sha256();
        entity.sizeBytes = blob.size();
        entity.mediaType = "application/octet-stream";
        entity.force = run.force;
        entity.uploaderSubject = RUNNER.subject();
        entity.source = BlobEntity.OUTPUT;
        entity.runId = run.id;
        entity.createdAt = run.finishedAt;
        entity.persist();
        stored.add(new RunView.FileView(output.name(), blob.sha256(), blob.size()));
      } catch (IOException e) {
        LOG.errorf("output %s of run %s failed its integrity check", output.name(), run.id);
        return null;
      }
    }
    return stored;
  }

  private static String truncate(String value, int max) {
    return value.length() > max ? value.substring(0, max) : value;
  }
}
