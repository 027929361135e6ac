package org.capenv.api.run.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.blob.BlobStore;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.run.persistence.RunLogEntity;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.api.run.persistence.RunStateValue;
import org.capenv.api.security.CallerIdentity;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.runner.RunLogs;
import org.capenv.runner.RunnerException;
import org.capenv.runner.ToolRunner;
import org.jboss.logging.Logger;

/**
 * Reads and acts on existing runs for a caller, applying {@link RunAccess}: a run the caller may
 * not see is "not found"; a visible run whose data the caller may not see is "forbidden".
 */
@ApplicationScoped
public class RunQueries {
  static final int MAX_PAGE = 100;
  static final URI INTEGRITY = URI.create("https://capenv.org/problems/output-integrity");
  private static final Logger LOG = Logger.getLogger(RunQueries.class);

  @Inject RunRepository runs;
  @Inject RunAccess access;
  @Inject RunViews views;
  @Inject AuditRecorder audit;
  @Inject ToolRunner runner;
  @Inject BlobStore blobs;
  @Inject RunsConfig config;
  @Inject RunMetrics metrics;

  /** A downloadable output: its name, hash and content. */
  public record Download(String name, String sha256, long size, InputStream content) {}

  /** Bounded logs of a run. */
  public record LogsView(String stdout, String stderr, boolean truncated) {}

  @Transactional
  public RunView get(CallerIdentity caller, String id) {
    return views.view(visible(caller, id));
  }

  @Transactional
  public RunView.Page list(
      CallerIdentity caller,
      RunStateValue state,
      String tool,
      String caseReference,
      String cursor,
      int limit) {
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    Instant afterCreated = null;
    String afterId = null;
    if (cursor != null) {
      String[] parts = decode(cursor);
      afterCreated = Instant.parse(parts[0]);
      afterId = parts[1];
    }
    List<RunEntity> page =
        runs.page(
            access.scope(caller), state, tool, caseReference, afterCreated, afterId, size + 1);
    String next = null;
    if (page.size() > size) {
      page = page.subList(0, size);
      RunEntity last = page.get(size - 1);
      next = encode(last.createdAt + "|" + last.id);
    }
    return new RunView.Page(page.stream().map(r -> views.summary(r, List.of())).toList(), next);
  }

  /** Cancels a run that has not ended, recorded as {@code run.cancelled} by the caller. */
  @Transactional
  public RunView cancel(CallerIdentity caller, String id) {
    RunEntity run = visibleData(caller, id);
    run = runs.findForUpdate(run.id).orElseThrow();
    if (run.state.isTerminal()) {
      throw RunProblems.state("The run has already ended (" + run.state + ").");
    }
    try {
      runner.cancel(run.id);
    } catch (RunnerException e) {
      // the runner no longer knows it; the record still ends here
    }
    // the log up to the cancellation, stored with it: the runner forgets the run once it reports
    // the end, and a Kubernetes run's pod is gone with its Job (ADR 0101)
    RunLogEntity.of(run.id, runner.logsOrEmpty(run.id)).persist();
    run.state = RunStateValue.CANCELLED;
    metrics.entered(run.toolName, run.state.name());
    run.reason = "CancelledByUser";
    run.finishedAt = RunService.now();
    run.updatedAt = run.finishedAt;
    audit.append(List.of(views.base(audit.entry(Action.RUN_CANCELLED, caller), run).build()));
    return views.summary(run, List.of());
  }

  /** Bounded logs; reading them is recorded as a consultation of the run's data. */
  @Transactional
  public LogsView logs(CallerIdentity caller, String id) {
    RunEntity run = visibleData(caller, id);
    // a finished run's log is stored with its end; a running run's is the runner's so far
    RunLogEntity stored = RunLogEntity.findById(run.id);
    RunLogs logs = stored != null ? stored.logs() : runner.logsOrEmpty(run.id);
    audit.append(
        List.of(
            views
                .base(audit.entry(Action.DATA_CONSULTED, caller), run)
                .target("run-logs", run.id)
                .build()));
    int max = (int) config.logResponseMaxSize().asLongValue();
    byte[] out = logs.stdout();
    byte[] err = logs.stderr();
    boolean cut = logs.truncated() || out.length > max || err.length > max;
    return new LogsView(text(out, max), text(err, max), cut);
  }

  /**
   * Opens an output for download after recording its disclosure: if the entry cannot be written,
   * nothing is sent. The stored bytes are checked against the recorded hash first.
   */
  @Transactional
  public Download output(CallerIdentity caller, String id, String name) throws IOException {
    RunEntity run = visibleData(caller, id);
    RunView.FileView file =
        views.files(run.outputs).stream()
            .filter(f -> f.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new ProblemException(
                        Status.NOT_FOUND,
                        RunProblems.NOT_FOUND,
                        "Output not found",
                        "The run has no output with this name."));
    verify(file.sha256());
    List<String> recipients =
        caller.isClient()
            ? List.of(
                "client:" + caller.clientId().orElse(caller.subject()),
                "force:" + caller.force().orElse("none"))
            : List.of("user:" + caller.subject());
    AuditEntry.Builder entry =
        views
            .base(audit.entry(Action.OUTPUT_DISCLOSED, caller), run)
            .output(file.name(), file.sha256());
    recipients.forEach(entry::recipient);
    audit.append(List.of(entry.build()));
    return new Download(file.name(), file.sha256(), file.size(), blobs.open(file.sha256()));
  }

  /** Refuses to disclose stored bytes that no longer hash to what the log recorded. */
  private void verify(String sha256) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    try (InputStream in = new DigestInputStream(blobs.open(sha256), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(sha256)) {
      LOG.errorf("stored output differs from its record: expected %s, actual %s", sha256, actual);
      throw new ProblemException(
          Status.INTERNAL_SERVER_ERROR,
          INTEGRITY,
          "Output integrity check failed",
          "The stored output no longer matches its recorded hash; nothing was disclosed.");
    }
  }

  private RunEntity visible(CallerIdentity caller, String id) {
    return runs.findByIdOptional(id)
        .filter(r -> access.canSee(caller, r))
        .orElseThrow(RunProblems::notFound);
  }

  private RunEntity visibleData(CallerIdentity caller, String id) {
    RunEntity run = visible(caller, id);
    if (!access.canSeeData(caller, run)) {
      throw RunProblems.forbidden("You may read this run's record but not its data.");
    }
    return run;
  }

  private static String text(byte[] bytes, int max) {
    return new String(Arrays.copyOf(bytes, Math.min(bytes.length, max)), StandardCharsets.UTF_8);
  }

  private static String encode(String cursor) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String cursor) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
      Instant.parse(parts[0]);
      if (parts.length != 2) {
        throw new IllegalArgumentException("cursor");
      }
      return parts;
    } catch (RuntimeException e) {
      throw RunProblems.invalid(List.of(new Problem.FieldError("cursor", "is not a valid cursor")));
    }
  }
}
