package org.capenv.api.staging.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;
import org.capenv.api.blob.BlobStore;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.staging.persistence.StagingDirection;
import org.capenv.api.staging.persistence.StagingGrantEntity;
import org.capenv.api.staging.persistence.StagingGrantRepository;
import org.jboss.logging.Logger;

/**
 * Serves the staging containers of Kubernetes runs: a run's inputs to {@code stage-in}, and its
 * outputs from {@code stage-out} into the blob store. The bearer token is the only credential; each
 * request consumes its grant (token, name) before any byte moves, so a token is useful once per
 * name, only for its run and direction, only while the run is unfinished and the grant unexpired.
 * Refusals are logged at WARN without the token: they are the signal of a probing pod.
 */
@ApplicationScoped
public class StagingService {
  private static final Logger LOG = Logger.getLogger(StagingService.class);
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  @Inject StagingGrantRepository grants;
  @Inject BlobStore blobs;

  /** An input being served: its stream, recorded hash and size. */
  public record Served(InputStream content, String sha256, long size) {}

  /** An output received: its name, the hash of the bytes received, and their size. */
  public record Received(String name, String sha256, long size) {}

  /** Consumes the fetch grant for this input and opens its stored bytes. */
  @WithSpan("capenv.staging.fetch")
  public Served fetch(String authorization, String runId, String name) {
    StagingGrantEntity grant = consume(authorization, runId, name, StagingDirection.FETCH);
    try {
      if (!blobs.exists(grant.sha256)) {
        throw StagingProblems.unavailable();
      }
      return new Served(blobs.open(grant.sha256), grant.sha256, grant.sizeBytes);
    } catch (IOException e) {
      LOG.errorf("input %s of run %s cannot be read from the blob store", name, runId);
      throw StagingProblems.unavailable();
    }
  }

  /**
   * Consumes the upload grant for this output, then streams the body into the blob store within the
   * declared limit and records the hash of what arrived. An upload cut short or over the limit
   * leaves the grant used and without a hash: the run then fails its output check.
   */
  @WithSpan("capenv.staging.upload")
  public Received upload(String authorization, String runId, String name, InputStream body)
      throws IOException {
    StagingGrantEntity grant = consume(authorization, runId, name, StagingDirection.UPLOAD);
    BlobStore.StoredBlob stored;
    try {
      stored = blobs.put(body, grant.maxBytes);
    } catch (BlobStore.BlobTooLargeException e) {
      LOG.warnf("output %s of run %s exceeded its %d bytes", name, runId, grant.maxBytes);
      throw StagingProblems.tooLarge(grant.maxBytes);
    }
    recordReceived(grant.tokenHash, name, stored);
    return new Received(name, stored.sha256(), stored.size());
  }

  /**
   * The output the platform received for a run, if its hash and size equal what the run's {@code
   * stage-out} manifest reports and the bytes are in the store: the second, independent attestation
   * of what the tool produced.
   */
  @Transactional
  public Optional<BlobStore.StoredBlob> received(
      String runId, String name, String sha256, long size) {
    return grants
        .upload(runId, name)
        .filter(g -> g.sha256.equals(sha256) && g.sizeBytes != null && g.sizeBytes == size)
        .filter(g -> blobs.exists(g.sha256))
        .map(g -> new BlobStore.StoredBlob(g.sha256, g.sizeBytes));
  }

  @Transactional
  void recordReceived(String tokenHash, String name, BlobStore.StoredBlob stored) {
    StagingGrantEntity grant = grants.grant(tokenHash, name).orElseThrow();
    grant.sha256 = stored.sha256();
    grant.sizeBytes = stored.size();
  }

  /** Checks the request against its grant and consumes it; every refusal is a 4xx. */
  @Transactional
  StagingGrantEntity consume(
      String authorization, String runId, String name, StagingDirection direction) {
    if (!RUN_ID.matcher(runId).matches() || !NAME.matcher(name).matches()) {
      // nothing of a malformed path is logged: it may carry control characters
      throw refuse("-", "-", "malformed path", StagingProblems.badName());
    }
    String token =
        StagingCredentials.token(authorization)
            .orElseThrow(
                () ->
                    refuse(
                        runId,
                        name,
                        "no credential",
                        StagingProblems.unauthenticated(
                            "A staging request needs Authorization: Bearer <staging token>.")));
    String hash = StagingCredentials.hash(token);
    Optional<StagingGrantEntity> found = grants.grant(hash, name);
    StagingGrantEntity any = found.or(() -> grants.anyOf(hash)).orElse(null);
    if (any == null) {
      throw refuse(
          runId,
          name,
          "unknown token",
          StagingProblems.unauthenticated("The staging token is not known."));
    }
    if (!any.runId.equals(runId) || any.direction != direction) {
      throw refuse(
          runId,
          name,
          "token of another run or direction",
          StagingProblems.forbidden(
              "This token does not allow "
                  + (direction == StagingDirection.FETCH ? "fetching inputs" : "uploading outputs")
                  + " of this run."));
    }
    if (found.isEmpty()) {
      throw refuse(
          runId,
          name,
          "undeclared name",
          StagingProblems.notDeclared(direction == StagingDirection.FETCH ? "input" : "output"));
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    StagingGrantEntity grant = found.get();
    if (!grant.expiresAt.isAfter(now)) {
      throw refuse(
          runId,
          name,
          "expired token",
          StagingProblems.unauthenticated("The staging token has expired."));
    }
    RunEntity run = RunEntity.findById(runId);
    if (run == null || run.state.isTerminal()) {
      throw refuse(
          runId,
          name,
          "run finished",
          StagingProblems.forbidden("The run has ended; its staging tokens are void."));
    }
    if (grant.usedAt != null || !grants.consume(hash, name, now)) {
      throw refuse(runId, name, "token reused", StagingProblems.used());
    }
    return grant;
  }

  private static StagingRefusedException refuse(
      String runId, String name, String why, StagingRefusedException problem) {
    LOG.warnf("staging request refused (%s): run %s, name %s", why, runId, name);
    return problem;
  }
}
