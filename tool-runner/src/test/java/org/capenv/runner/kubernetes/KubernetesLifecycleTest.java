package org.capenv.runner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.capenv.runner.RunOutput;
import org.capenv.runner.RunState;
import org.capenv.runner.RunStatus;
import org.capenv.runner.spec.RunSpec;
import org.capenv.runner.support.Specs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Run state follows the Job as a simulated controller moves it; cancel; restart and reconcile. */
class KubernetesLifecycleTest {
  static final String SUMMARY_SHA =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  KubeFixture kube;

  @BeforeEach
  void start() {
    kube = new KubeFixture();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  static RunSpec spec() {
    return Specs.spec("mlr", "--version").stdoutTo("summary.json", 4096).logMax(64).build();
  }

  static String job(RunSpec spec) {
    return "capenv-run-" + spec.runId();
  }

  void expectLog(RunSpec spec, String text) {
    kube.server.expect().get().withPath(logPath(spec)).andReturn(200, text).always();
  }

  /** Stops the runner, ends {@code spec}'s Job with one output meanwhile, starts a new runner. */
  void endWhileDown(RunSpec spec) {
    kube.runner.close();
    kube.controller.finish(
        job(spec),
        0,
        "[{\"name\":\"summary.json\",\"sha256\":\"" + SUMMARY_SHA + "\",\"size\":7}]");
    kube.events.clear();
    kube.runner = kube.newRunner();
  }

  static String logPath(RunSpec spec) {
    return "/api/v1/namespaces/capenv-tools/pods/"
        + SimulatedController.podName(job(spec))
        + "/log?pretty=false&container=tool&limitBytes=64";
  }

  @Test
  void stateFollowsTheJobToSuccessWithOutputsAndLogsCapturedBeforeTtl() throws Exception {
    RunSpec spec = spec();
    expectLog(spec, "mlr 6.8.0\n");
    assertThat(kube.runner.launch(spec).state()).isEqualTo(RunState.PENDING);
    kube.controller.start(job(spec));
    kube.awaitState(spec.runId(), RunState.RUNNING);
    Job running = kube.client.batch().v1().jobs().withName(job(spec)).get();
    assertThat(running.getSpec().getTtlSecondsAfterFinished()).isNull();

    kube.controller.finish(
        job(spec),
        0,
        "[{\"name\":\"summary.json\",\"sha256\":\"" + SUMMARY_SHA + "\",\"size\":42}]");
    RunStatus done = kube.awaitState(spec.runId(), RunState.SUCCEEDED);

    assertThat(done.exitCode()).contains(0);
    assertThat(kube.runner.outputs(spec.runId()))
        .containsExactly(new RunOutput("summary.json", SUMMARY_SHA, 42, Optional.empty()));
    assertThat(new String(kube.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8))
        .isEqualTo("mlr 6.8.0\n");
    Job captured = kube.client.batch().v1().jobs().withName(job(spec)).get();
    assertThat(captured.getSpec().getTtlSecondsAfterFinished()).isEqualTo(300);
    assertThat(captured.getMetadata().getAnnotations())
        .containsEntry("capenv.org/captured", "true");
    assertThat(kube.client.secrets().withName(job(spec)).get()).isNull();
    assertThat(
            kube.events.stream().filter(e -> e.runId().equals(spec.runId())).map(RunStatus::state))
        .containsExactly(RunState.PENDING, RunState.RUNNING, RunState.SUCCEEDED);
  }

  @Test
  void theTokenSecretIsDeletedAfterCaptureEvenIfTheJobCannotBeGivenItsTtl() throws Exception {
    RunSpec spec = spec();
    expectLog(spec, "mlr 6.8.0\n");
    kube.server
        .expect()
        .patch()
        .withPath("/apis/batch/v1/namespaces/capenv-tools/jobs/" + job(spec))
        .andReturn(
            403,
            new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("no").build())
        .always();
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.controller.finish(job(spec), 0, "[]");

    kube.awaitState(spec.runId(), RunState.SUCCEEDED);

    assertThat(kube.client.secrets().withName(job(spec)).get()).isNull();
    // the TTL is set by one patch, without reading the Job first: after the controller's last
    // write of the Job's status, its capture sends the patch and reads no Job by name
    String jobPath = "/apis/batch/v1/namespaces/capenv-tools/jobs/" + job(spec);
    List<String> requests = kube.requests();
    List<String> capture =
        requests.subList(requests.lastIndexOf("PUT " + jobPath + "/status") + 1, requests.size());
    assertThat(capture).contains("PATCH " + jobPath).doesNotContain("GET " + jobPath);
    assertThat(kube.count("PATCH " + jobPath)).isOne();
  }

  @Test
  void aForgottenRunIsReleasedAndItsJobsLaterEventsDoNotCaptureItAgain() throws Exception {
    RunSpec spec = spec();
    expectLog(spec, "mlr 6.8.0\n");
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.controller.finish(job(spec), 0, "[]");
    kube.awaitState(spec.runId(), RunState.SUCCEEDED);
    String jobPath = "/apis/batch/v1/namespaces/capenv-tools/jobs/" + job(spec);
    awaitCount("PATCH " + jobPath, 1);

    kube.runner.forget(spec.runId());
    assertThat(kube.runner.logs(spec.runId()).stdout()).isEmpty();
    // a later change of the captured Job (here a label; in a cluster a resync or the TTL's own
    // event) reaches the informer, which must not capture the run a second time
    Job captured = kube.client.batch().v1().jobs().withName(job(spec)).get();
    captured.getMetadata().getLabels().put("touched", "yes");
    kube.client.batch().v1().jobs().resource(captured).update();
    // the informer delivers events in order, and captures run one at a time: once a second run,
    // finished after that change, is captured, any capture the change had caused is done
    RunSpec second = spec();
    expectLog(second, "");
    kube.runner.launch(second);
    kube.controller.start(job(second));
    kube.controller.finish(job(second), 0, "[]");
    kube.awaitState(second.runId(), RunState.SUCCEEDED);

    assertThat(kube.count("PATCH " + jobPath)).isOne();
    assertThat(kube.events.stream().filter(e -> e.runId().equals(spec.runId())))
        .extracting(RunStatus::state)
        .containsExactly(RunState.PENDING, RunState.RUNNING, RunState.SUCCEEDED);
  }

  @Test
  void aRunNotYetTerminalIsNotForgotten() throws Exception {
    RunSpec spec = spec();
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.awaitState(spec.runId(), RunState.RUNNING);

    kube.runner.forget(spec.runId());

    assertThat(kube.runner.status(spec.runId()).state()).isEqualTo(RunState.RUNNING);
    expectLog(spec, "done\n");
    kube.controller.finish(job(spec), 0, "[]");
    kube.awaitState(spec.runId(), RunState.SUCCEEDED);
    assertThat(kube.runner.logs(spec.runId()).stdout()).asString().isEqualTo("done\n");
  }

  @Test
  void aLogLongerThanItsLimitIsCutHereWhateverTheApiServerSent() throws Exception {
    RunSpec spec = spec();
    // the limit is 64 bytes; this server ignores limitBytes
    expectLog(spec, "x".repeat(100));
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.controller.finish(job(spec), 0, "[]");
    kube.awaitState(spec.runId(), RunState.SUCCEEDED);

    var logs = kube.runner.logs(spec.runId());
    assertThat(logs.stdout()).hasSize(64);
    assertThat(logs.stdoutTotalBytes()).isEqualTo(100);
    assertThat(logs.truncated()).isTrue();
  }

  private void awaitCount(String request, long expected) throws InterruptedException {
    for (int i = 0; i < 100 && kube.count(request) < expected; i++) {
      Thread.sleep(50);
    }
    assertThat(kube.count(request)).isEqualTo(expected);
  }

  @Test
  void toolFailureIsReportedWithItsExitCode() throws Exception {
    RunSpec spec = spec();
    expectLog(spec, "mlr: option not recognised\n");
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.controller.finish(job(spec), 2, null);
    RunStatus failed = kube.awaitState(spec.runId(), RunState.FAILED);
    assertThat(failed.reason()).isEqualTo("NonZeroExit");
    assertThat(failed.exitCode()).contains(2);
    assertThat(kube.runner.outputs(spec.runId())).isEmpty();
    assertThat(new String(kube.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8))
        .contains("not recognised");
  }

  @Test
  void deadlineIsReported() throws Exception {
    RunSpec spec = spec();
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.controller.deadline(job(spec));
    assertThat(kube.awaitState(spec.runId(), RunState.FAILED).reason())
        .isEqualTo("DeadlineExceeded");
  }

  @Test
  void anOutputManifestNamingAnUndeclaredOutputFailsTheRun() throws Exception {
    RunSpec spec = spec();
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.controller.finish(
        job(spec),
        0,
        "[{\"name\":\"../../etc/passwd\",\"sha256\":\"" + SUMMARY_SHA + "\",\"size\":1}]");
    RunStatus failed = kube.awaitState(spec.runId(), RunState.FAILED);
    assertThat(failed.reason()).isEqualTo("OutputRejected");
    assertThat(kube.runner.outputs(spec.runId())).isEmpty();
  }

  @Test
  void cancelKeepsTheLogSoFarAndDeletesTheJobAndItsObjects() throws Exception {
    RunSpec spec = spec();
    expectLog(spec, "reading calls.csv\n");
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.awaitState(spec.runId(), RunState.RUNNING);

    RunStatus cancelled = kube.runner.cancel(spec.runId());

    assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
    // read from the pod before it went with the Job
    assertThat(new String(kube.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8))
        .isEqualTo("reading calls.csv\n");
    assertThat(kube.client.batch().v1().jobs().withName(job(spec)).get()).isNull();
    assertThat(kube.client.network().v1().networkPolicies().withName(job(spec)).get()).isNull();
    assertThat(kube.client.secrets().withName(job(spec)).get()).isNull();
    assertThat(kube.runner.status(spec.runId()).state()).isEqualTo(RunState.CANCELLED);
    assertThat(kube.count("DELETE /apis/batch/v1/namespaces/capenv-tools/jobs/" + job(spec)))
        .isOne();
  }

  /** While the Job runs, its log is the pod's log so far, read again on each call. */
  @Test
  void aRunningJobsLogIsItsPodsLogSoFar() throws Exception {
    RunSpec spec = spec();
    kube.server.expect().get().withPath(logPath(spec)).andReturn(200, "reading calls.csv\n").once();
    kube.server
        .expect()
        .get()
        .withPath(logPath(spec))
        .andReturn(200, "reading calls.csv\n1200 rows\n")
        .once();
    kube.runner.launch(spec);
    // no pod yet, so no log
    assertThat(kube.runner.logs(spec.runId()).stdout()).isEmpty();
    kube.controller.start(job(spec));
    kube.awaitState(spec.runId(), RunState.RUNNING);

    assertThat(new String(kube.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8))
        .isEqualTo("reading calls.csv\n");
    assertThat(new String(kube.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8))
        .isEqualTo("reading calls.csv\n1200 rows\n");
    assertThat(kube.runner.status(spec.runId()).state()).isEqualTo(RunState.RUNNING);
  }

  /**
   * While stage-in runs, the tool container has not started and has no log: the runner answers an
   * empty log without asking the API server, which would refuse (400). Once the tool runs, its log
   * is read.
   */
  @Test
  void aJobStillStagingInHasAnEmptyLogThatIsNotAskedFor() throws Exception {
    RunSpec spec = spec();
    // served once: a read while stage-in runs would take it, and the later read would find none
    kube.server.expect().get().withPath(logPath(spec)).andReturn(200, "reading calls.csv\n").once();
    kube.runner.launch(spec);
    kube.controller.stageIn(job(spec));
    kube.awaitState(spec.runId(), RunState.RUNNING);

    assertThat(kube.runner.logs(spec.runId()).stdout()).isEmpty();

    kube.controller.startTool(job(spec));
    assertThat(new String(kube.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8))
        .isEqualTo("reading calls.csv\n");
  }

  /**
   * After a restart the platform asks the status of each run it has not seen end: a Job that ended
   * meanwhile must not be reported ended before its log is read, or the end would be recorded with
   * an empty log and the log captured afterwards never stored.
   */
  @Test
  void anEndedJobIsReportedEndedOnlyOnceItsLogAndOutputsAreCaptured() throws Exception {
    RunSpec spec = spec();
    // the pod's log comes slowly: the capture is still reading it when the status is asked
    kube.server
        .expect()
        .get()
        .delay(1500, TimeUnit.MILLISECONDS)
        .withPath(logPath(spec))
        .andReturn(200, "mlr 6.8.0\n")
        .always();
    kube.runner.launch(spec);
    kube.controller.start(job(spec));
    kube.awaitState(spec.runId(), RunState.RUNNING);
    endWhileDown(spec);

    kube.runner.reconcile();
    RunStatus asked = kube.runner.status(spec.runId());

    assertThat(asked.state()).isEqualTo(RunState.RUNNING);
    assertThat(asked.reason()).isEqualTo("Capturing");
    assertThat(kube.awaitState(spec.runId(), RunState.SUCCEEDED)).isNotNull();
    assertThat(kube.runner.status(spec.runId()).state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(new String(kube.runner.logs(spec.runId()).stdout(), StandardCharsets.UTF_8))
        .isEqualTo("mlr 6.8.0\n");
    assertThat(kube.runner.outputs(spec.runId())).hasSize(1);
  }

  @Test
  void restartedRunnerFindsItsJobsByLabelAndNeverLaunchesTwice() throws Exception {
    RunSpec running = spec();
    RunSpec finished = spec();
    expectLog(finished, "done\n");
    kube.runner.launch(running);
    kube.runner.launch(finished);
    kube.controller.start(job(running));
    kube.controller.start(job(finished));
    kube.awaitState(finished.runId(), RunState.RUNNING);
    // while the platform is down, one run finishes
    endWhileDown(finished);

    List<RunStatus> found = kube.runner.reconcile();

    assertThat(found)
        .extracting(RunStatus::runId)
        .containsExactlyInAnyOrder(running.runId(), finished.runId());
    assertThat(kube.awaitState(finished.runId(), RunState.SUCCEEDED)).isNotNull();
    assertThat(kube.runner.outputs(finished.runId()))
        .singleElement()
        .satisfies(o -> assertThat(o.sha256()).isEqualTo(SUMMARY_SHA));
    assertThat(kube.runner.status(running.runId()).state()).isEqualTo(RunState.RUNNING);

    assertThat(kube.runner.launch(running).state()).isEqualTo(RunState.RUNNING);
    assertThat(kube.count("POST /apis/batch/v1/namespaces/capenv-tools/jobs")).isEqualTo(2);
    assertThat(kube.client.batch().v1().jobs().list().getItems()).hasSize(2);

    kube.controller.finish(job(running), 0, "[]");
    assertThat(kube.awaitState(running.runId(), RunState.SUCCEEDED)).isNotNull();
  }
}
