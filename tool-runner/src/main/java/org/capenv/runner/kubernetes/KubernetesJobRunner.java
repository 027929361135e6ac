package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.capenv.runner.Availability;
import org.capenv.runner.RunListener;
import org.capenv.runner.RunListeners;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunNotFoundException;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.RunnerException;
import org.capenv.runner.ToolRunner;
import org.capenv.runner.spec.RunSpec;

/**
 * Runs each tool as one hardened Kubernetes Job (see {@link JobFactory}), behind a per-run
 * NetworkPolicy that is created and read back before the Job exists; if it cannot be confirmed, no
 * Job is created. Status comes from an informer on this installation's Jobs; terminal runs have
 * their tool log (bounded) and output manifest captured before the Job gets its {@code
 * ttlSecondsAfterFinished}. API calls are retried with backoff where safe ({@link ApiRetry}).
 */
public final class KubernetesJobRunner implements ToolRunner {
  private static final System.Logger LOG = System.getLogger(KubernetesJobRunner.class.getName());

  private final KubernetesClient client;
  private final KubernetesRunnerConfig config;
  private final ApiRetry retry;
  private final RunIsolation isolation;
  private final RunCapture capturer;
  private final ConcurrentMap<String, Tracked> runs = new ConcurrentHashMap<>();
  private final RunListeners listeners = new RunListeners();
  private final ExecutorService capture =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "capenv-k8s-capture");
            thread.setDaemon(true);
            return thread;
          });
  private volatile SharedIndexInformer<Job> informer;

  /**
   * @param client a client whose own request retries are off ({@code requestRetryBackoffLimit=0}),
   *     so that {@link ApiRetry} alone decides what is retried
   */
  public KubernetesJobRunner(
      KubernetesClient client, KubernetesRunnerConfig config, StagingTokenIssuer tokens) {
    this.client = client;
    this.config = config;
    this.retry = new ApiRetry(config.maxAttempts(), config.initialBackoff());
    this.isolation = new RunIsolation(client, config, tokens, retry);
    this.capturer = new RunCapture(client, config, retry);
  }

  @Override
  public Availability availability() {
    try {
      client.batch().v1().jobs().inNamespace(config.namespace()).withLabels(selector()).list();
      client.network().v1().networkPolicies().inNamespace(config.namespace()).list();
      return Availability.yes("Kubernetes Jobs in namespace " + config.namespace());
    } catch (RuntimeException e) {
      return Availability.no(
          "cannot list Jobs and NetworkPolicies in namespace "
              + config.namespace()
              + ": "
              + e.getMessage()
              + "; check the API server URL, the namespace and the platform's RBAC");
    }
  }

  @Override
  public void addListener(RunListener listener) {
    listeners.add(listener);
  }

  @Override
  public RunStatus launch(RunSpec spec) {
    // a Job an earlier attempt for this run created is adopted, never created again
    Job job = isolation.create(spec);
    ensureInformer();
    return adopt(job);
  }

  private synchronized void ensureInformer() {
    if (informer != null) {
      return;
    }
    informer =
        jobs()
            .withLabels(selector())
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Job job) {
                    observe(job);
                  }

                  @Override
                  public void onUpdate(Job before, Job job) {
                    if (captured(job) && !runs.containsKey(runId(job))) {
                      // captured, and forgotten once its end was recorded: its TTL patch or a
                      // resync must not capture it again
                      return;
                    }
                    observe(job);
                  }

                  @Override
                  public void onDelete(Job job, boolean unknownFinalState) {
                    deleted(job);
                  }
                },
                30_000);
  }

  private RunStatus adopt(Job job) {
    String runId = runId(job);
    Tracked tracked = runs.computeIfAbsent(runId, id -> new Tracked(job));
    observe(job);
    return tracked.status == null
        ? JobStatusMapper.map(runId, job, Optional.empty())
        : tracked.status;
  }

  private void observe(Job job) {
    String runId = runId(job);
    Tracked tracked = runs.computeIfAbsent(runId, id -> new Tracked(job));
    synchronized (tracked) {
      if (tracked.terminal() || tracked.capturing) {
        return;
      }
      RunStatus status = JobStatusMapper.map(runId, job, Optional.empty());
      if (status.state().isTerminal()) {
        tracked.capturing = true;
        capture.execute(() -> finish(tracked, job));
        return;
      }
      if (tracked.status == null || tracked.status.state() != status.state()) {
        tracked.status = status;
        publish(status);
      }
    }
  }

  /** Captures logs and outputs, lets the Job expire, then publishes the terminal status. */
  private void finish(Tracked tracked, Job job) {
    RunCapture.Captured captured;
    try {
      captured = capturer.capture(tracked.runId, job);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "capture of run " + tracked.runId + " failed", e);
      captured =
          new RunCapture.Captured(
              RunStatus.of(tracked.runId, RunState.FAILED, "CaptureFailed", e.getMessage()),
              RunLogs.empty(),
              List.of());
    }
    tracked.logs = captured.logs();
    tracked.outputs = captured.outputs();
    synchronized (tracked) {
      tracked.status = captured.status();
      tracked.capturing = false;
    }
    publish(captured.status());
  }

  private void deleted(Job job) {
    String runId = runId(job);
    Tracked tracked = runs.get(runId);
    if (tracked == null) {
      return;
    }
    synchronized (tracked) {
      if (tracked.terminal() || tracked.capturing) {
        return;
      }
      tracked.status =
          RunStatus.of(
              runId, RunState.FAILED, "JobDeleted", "the Job was deleted outside the platform");
    }
    publish(tracked.status);
  }

  private void publish(RunStatus status) {
    listeners.publish(status);
  }

  /**
   * The run's status as the runner publishes it: a Job that has ended is reported terminal only
   * once it is captured, so a caller that records the end (the platform reconciling after a
   * restart) finds the log and outputs with it. A Job this runner does not track yet is observed
   * here, which starts its capture.
   */
  @Override
  public RunStatus status(String runId) {
    Tracked tracked = runs.get(runId);
    if (tracked == null || (tracked.status == null && !tracked.capturing)) {
      Job job = readJob(runId);
      if (job == null) {
        throw new RunNotFoundException(runId);
      }
      observe(job);
      tracked = runs.get(runId);
      if (tracked == null) {
        // forgotten meanwhile: its end is recorded
        return JobStatusMapper.map(runId, job, Optional.empty());
      }
    }
    synchronized (tracked) {
      // observed, so it has a status or is being captured
      if (tracked.capturing && !tracked.terminal()) {
        return RunStatus.of(
            runId,
            RunState.RUNNING,
            "Capturing",
            "the Job has ended; its log and outputs are read");
      }
      return tracked.status;
    }
  }

  private Job readJob(String runId) {
    String name = RunObjects.name(runId);
    return retry.call("read Job " + name, () -> jobs().withName(name).get());
  }

  /**
   * A terminal run's captured log; a run not yet terminal gets its tool container's log so far,
   * read from its pod on each call and bounded as at capture (empty while the Job has no pod).
   */
  @Override
  public RunLogs logs(String runId) {
    Tracked tracked = runs.get(runId);
    if (tracked == null) {
      return RunLogs.empty();
    }
    if (tracked.terminal()) {
      return tracked.logs;
    }
    return logSoFar(runId);
  }

  /** The tool container's log so far, read from the run's pod; empty if it has no Job. */
  private RunLogs logSoFar(String runId) {
    Job job = readJob(runId);
    return job == null ? RunLogs.empty() : capturer.log(job);
  }

  @Override
  public List<RunOutput> outputs(String runId) {
    Tracked tracked = runs.get(runId);
    return tracked == null ? List.of() : tracked.outputs;
  }

  /**
   * Drops a terminal run's captured logs and outputs; the platform has stored them. Its Job, marked
   * captured, is not captured again.
   */
  @Override
  public void forget(String runId) {
    runs.computeIfPresent(runId, (id, tracked) -> tracked.terminal() ? null : tracked);
  }

  @Override
  public RunStatus cancel(String runId) {
    String name = RunObjects.name(runId);
    Tracked tracked = runs.get(runId);
    if (tracked != null) {
      synchronized (tracked) {
        if (tracked.terminal()) {
          return tracked.status;
        }
        tracked.status =
            RunStatus.of(runId, RunState.CANCELLED, "Cancelled", "cancelled by the platform");
      }
      // the log so far, read before the pod goes with the Job: the platform stores it with the
      // cancellation (ADR 0101). Not reading it never stops the cancel.
      try {
        tracked.logs = logSoFar(runId);
      } catch (RunnerException e) {
        LOG.log(Level.WARNING, "no log of cancelled run " + runId + ": " + e.getMessage());
      }
    }
    retry.call(
        "delete Job " + name,
        () -> jobs().withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
    retry.call(
        "delete NetworkPolicy " + name,
        () ->
            client
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(config.namespace())
                .withName(name)
                .delete());
    retry.call(
        "delete Secret " + name,
        () -> client.secrets().inNamespace(config.namespace()).withName(name).delete());
    RunStatus status =
        tracked != null
            ? tracked.status
            : RunStatus.of(runId, RunState.CANCELLED, "Cancelled", "cancelled by the platform");
    publish(status);
    return status;
  }

  @Override
  public List<RunStatus> reconcile() {
    List<Job> found =
        retry.call("list Jobs", () -> jobs().withLabels(selector()).list().getItems());
    List<RunStatus> statuses = new ArrayList<>();
    for (Job job : found) {
      String runId = runId(job);
      if (captured(job)) {
        statuses.add(JobStatusMapper.map(runId, job, Optional.empty()));
      } else {
        statuses.add(adopt(job));
      }
    }
    ensureInformer();
    return statuses;
  }

  private static String runId(Job job) {
    return job.getMetadata().getLabels().get(RunObjects.RUN_ID);
  }

  private static boolean captured(Job job) {
    Map<String, String> annotations = job.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get(RunObjects.CAPTURED));
  }

  private Map<String, String> selector() {
    return RunObjects.selector(config.instance());
  }

  private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs() {
    return client.batch().v1().jobs().inNamespace(config.namespace());
  }

  @Override
  public void close() {
    SharedIndexInformer<Job> current = informer;
    if (current != null) {
      current.close();
    }
    capture.shutdown();
  }

  /** What this runner knows of one run. */
  private static final class Tracked {
    final String runId;
    volatile RunStatus status;
    volatile boolean capturing;
    volatile RunLogs logs = RunLogs.empty();
    volatile List<RunOutput> outputs = List.of();

    Tracked(Job job) {
      this.runId = runId(job);
    }

    boolean terminal() {
      return status != null && status.state().isTerminal();
    }
  }
}
