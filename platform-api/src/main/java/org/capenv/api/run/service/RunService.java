package org.capenv.api.run.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.blob.BlobEntity;
import org.capenv.api.common.PoolExhaustion;
import org.capenv.api.common.Problem;
import org.capenv.api.common.ProblemException;
import org.capenv.api.run.persistence.RunRepository;
import org.capenv.api.security.CallerIdentity;
import org.capenv.api.tool.persistence.ToolVersionRepository;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.entry.PolicyRef;
import org.capenv.audit.store.AuditStoreException;
import org.capenv.catalog.manifest.CanonicalJson;
import org.capenv.catalog.manifest.ManifestValidationException;
import org.capenv.catalog.manifest.RunParameters;
import org.capenv.catalog.manifest.ToolManifest;
import org.capenv.policy.Decision;

/**
 * Accepts run requests: validates them against the approved manifest, asks the access policy, and
 * records the run with its {@code run.requested} and {@code policy.decided} entries in one
 * transaction (shared with concurrent submissions, ADR 0097), then queues it for launch (ADR 0063).
 * A policy denial is recorded durably.
 */
@ApplicationScoped
public class RunService {
  @Inject ToolCatalogueService catalogue;
  @Inject ToolVersionRepository versions;
  @Inject RunRepository runs;
  @Inject AuditRecorder audit;
  @Inject AccessPolicy policy;
  @Inject RunRecorder recorder;
  @Inject LaunchDispatcher launches;
  @Inject RunsConfig config;
  @Inject RunViews views;
  @Inject ObjectMapper json;
  @Inject RunMetrics metrics;

  private final RunParameters runParameters = new RunParameters();

  /** The outcome of a submission: the run, and whether it was created by this call. */
  public record Submitted(RunView run, boolean created) {}

  /**
   * Validates, authorises, records and queues a run for launch; a retry with the same idempotency
   * key and the same body returns the run created the first time.
   */
  public Submitted submit(CallerIdentity caller, JsonNode body, RunRequest request, String key) {
    String requestDigest = CanonicalJson.sha256(body).substring("sha256:".length());
    Prepared prepared = prepare(caller, request, key, requestDigest);
    if (prepared.earlier() != null) {
      return new Submitted(prepared.earlier(), false);
    }
    ToolManifest manifest = prepared.manifest();
    ObjectNode parameters = prepared.parameters();
    List<RunView.FileView> inputs = prepared.inputs();
    long inputBytes = inputs.stream().mapToLong(RunView.FileView::size).sum();
    Decision decision =
        policy.decide(
            caller,
            manifest,
            request.purpose(),
            request.caseReference(),
            request.classification(),
            inputBytes);
    metrics.decided(manifest.name(), decision.allowed());
    String runId = UUID.randomUUID().toString();
    PolicyRef policyRef =
        new PolicyRef(
            decision.bundleDigest(),
            decision.allowed() ? "allow" : "deny",
            decision.matchedRuleNames(),
            decision.messages());
    if (!decision.allowed()) {
      audit.appendDurable(
          List.of(
              RunViews.base(audit.entry(Action.RUN_DENIED, caller), manifest, request, inputs)
                  .outcome(Outcome.DENIED)
                  .parametersDigest(CanonicalJson.sha256(parameters).substring(7))
                  .policy(policyRef)
                  .target("run", runId)
                  .build()));
      throw RunProblems.denied(decision.messages());
    }
    // refused before anything is written when the launch queue is full
    if (!launches.reserve()) {
      metrics.refused(manifest.name());
      throw RunProblems.queueFull(config.launch().retryAfter());
    }
    RunView run;
    try {
      run =
          recorder.record(
              caller, runId, manifest, parameters, inputs, request, policyRef, key, requestDigest);
    } catch (RuntimeException e) {
      launches.release();
      // a concurrent retry with the same key won the race: answer as that retry would be answered
      if (key != null) {
        Optional<RunView> earlier = replay(caller, key, requestDigest);
        if (earlier.isPresent()) {
          return new Submitted(earlier.get(), false);
        }
      }
      if (PoolExhaustion.causedBy(e)) {
        throw PoolExhaustion.problem();
      }
      // stopping (the recorder closed) writes nothing either: a 503, never a 500
      if (e instanceof AuditStoreException
          || e instanceof PersistenceException
          || e instanceof RecordBatcher.Closed) {
        throw RunProblems.auditUnavailable();
      }
      throw e;
    }
    launches.submit(run.id(), AuditRecorder.actor(caller));
    return new Submitted(run, true);
  }

  /**
   * What a submission reads from the database, in one transaction: the run an idempotency key
   * already names (then nothing else), or the runnable manifest, the resolved parameters and the
   * caller's inputs.
   */
  record Prepared(
      RunView earlier,
      ToolManifest manifest,
      ObjectNode parameters,
      List<RunView.FileView> inputs) {}

  @Transactional
  Prepared prepare(CallerIdentity caller, RunRequest request, String key, String requestDigest) {
    if (key != null) {
      Optional<RunView> earlier = replay(caller, key, requestDigest);
      if (earlier.isPresent()) {
        return new Prepared(earlier.get(), null, null, null);
      }
    }
    List<Problem.FieldError> errors = request.violations();
    if (!errors.isEmpty()) {
      throw RunProblems.invalid(errors);
    }
    ToolManifest manifest = runnableManifest(request.tool(), request.version());
    ObjectNode parameters = resolve(manifest, request.parameters());
    return new Prepared(null, manifest, parameters, inputs(caller, manifest, request.inputs()));
  }

  @Transactional
  Optional<RunView> replay(CallerIdentity caller, String key, String requestDigest) {
    return runs.findByIdempotencyKey(caller.subject(), key)
        .map(
            run -> {
              if (!run.requestDigest.equals(requestDigest)) {
                throw new ProblemException(
                    Status.CONFLICT,
                    RunProblems.IDEMPOTENCY,
                    "Idempotency key reused",
                    "This Idempotency-Key was used for a different request.");
              }
              return views.view(run);
            });
  }

  @Transactional
  ToolManifest runnableManifest(String tool, String version) {
    Optional<ToolManifest> manifest = catalogue.runnableManifest(tool, version);
    if (manifest.isPresent()) {
      return manifest.get();
    }
    if (versions.find(tool, version).isPresent()) {
      throw new ProblemException(
          Status.CONFLICT,
          RunProblems.NOT_RUNNABLE,
          "Tool version not runnable",
          tool + "@" + version + " is not approved for runs now.");
    }
    throw new ProblemException(
        Status.NOT_FOUND,
        RunProblems.TOOL_NOT_FOUND,
        "Tool version not found",
        "There is no tool version " + tool + "@" + version + ".");
  }

  private ObjectNode resolve(ToolManifest manifest, JsonNode supplied) {
    try {
      return runParameters.resolve(manifest, supplied);
    } catch (ManifestValidationException e) {
      throw RunProblems.invalid(
          e.violations().stream()
              .map(
                  v ->
                      new Problem.FieldError(
                          "/parameters" + v.pointer(), v.rule() + ": " + v.message()))
              .toList());
    }
  }

  /** The inputs as stored blobs of the caller's force, matching the manifest's declared inputs. */
  @Transactional
  List<RunView.FileView> inputs(
      CallerIdentity caller, ToolManifest manifest, Map<String, String> supplied) {
    List<Problem.FieldError> errors = new ArrayList<>();
    List<RunView.FileView> inputs = new ArrayList<>();
    for (String name : supplied.keySet()) {
      if (manifest.input(name).isEmpty()) {
        errors.add(new Problem.FieldError("/inputs/" + name, "is not an input of this tool"));
      }
    }
    for (ToolManifest.Input declared : manifest.inputs()) {
      String hash = supplied.get(declared.name());
      if (hash == null) {
        errors.add(new Problem.FieldError("/inputs/" + declared.name(), "is required"));
        continue;
      }
      Optional<Long> size = caller.force().flatMap(force -> BlobEntity.sizeForForce(hash, force));
      if (size.isEmpty()) {
        errors.add(
            new Problem.FieldError(
                "/inputs/" + declared.name(), "no uploaded file with this hash for your force"));
      } else if (size.get() > declared.maxBytes()) {
        errors.add(
            new Problem.FieldError(
                "/inputs/" + declared.name(),
                "is larger than the tool accepts (" + declared.maxBytes() + " bytes)"));
      } else {
        inputs.add(new RunView.FileView(declared.name(), hash, size.get()));
      }
    }
    if (!errors.isEmpty()) {
      throw RunProblems.invalid(errors);
    }
    return inputs;
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
