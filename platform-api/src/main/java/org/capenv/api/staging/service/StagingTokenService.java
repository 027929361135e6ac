package org.capenv.api.staging.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.capenv.api.config.RunnerConfig;
import org.capenv.api.run.persistence.RunEntity;
import org.capenv.api.staging.persistence.StagingDirection;
import org.capenv.api.staging.persistence.StagingGrantEntity;
import org.capenv.api.tool.service.ManifestCache;
import org.capenv.catalog.manifest.ToolManifest;
import org.capenv.runner.RunnerException;
import org.capenv.runner.kubernetes.StagingTokenIssuer;

/**
 * Issues a run's two staging tokens: 256 random bits each, handed to the runner (which puts them in
 * the run's Secret) and stored only as SHA-256 grants, one per declared name: the fetch token may
 * read each recorded input once, the upload token may write each declared output once, within its
 * size limit. Both expire when the run's timeout, plus a grace for scheduling and image pulls, has
 * passed.
 *
 * <p>Joins the launch's transaction (the runner calls it during {@code launch}): the grants commit
 * with the run's {@code run.launched} entry or not at all, and no second database connection is
 * held per launch, which under load would exhaust the pool. A pod can therefore ask before the
 * commit, in the milliseconds after its Job was created: {@code capenv-stage} retries a 401 for a
 * short, bounded time.
 */
@ApplicationScoped
public class StagingTokenService implements StagingTokenIssuer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

  @Inject ManifestCache manifests;
  @Inject ObjectMapper json;
  @Inject RunnerConfig config;

  @Override
  @Transactional(TxType.MANDATORY)
  public StagingTokens issue(String runId) {
    RunEntity run = RunEntity.findById(runId);
    if (run == null) {
      throw new RunnerException("no run " + runId + " to issue staging tokens for");
    }
    ToolManifest manifest = manifest(run);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant expires =
        now.plusSeconds(manifest.resources().timeoutSeconds())
            .plus(config.kubernetes().stagingTokenGrace());
    String fetch = newToken();
    String upload = newToken();
    String fetchHash = StagingCredentials.hash(fetch);
    String uploadHash = StagingCredentials.hash(upload);
    for (JsonNode input : inputs(run)) {
      StagingGrantEntity grant =
          grant(fetchHash, input.path("name").asText(), run, StagingDirection.FETCH, expires);
      grant.sha256 = input.path("sha256").asText();
      grant.sizeBytes = input.path("size").asLong();
      grant.maxBytes = grant.sizeBytes;
      grant.persist();
    }
    for (ToolManifest.Output output : manifest.outputs()) {
      StagingGrantEntity grant =
          grant(uploadHash, output.name(), run, StagingDirection.UPLOAD, expires);
      grant.maxBytes = output.maxBytes();
      grant.persist();
    }
    return new StagingTokens(fetch, upload);
  }

  private ToolManifest manifest(RunEntity run) {
    return manifests
        .stored(run.toolName, run.toolVersion, run.manifestDigest)
        .orElseThrow(() -> new RunnerException("the manifest of run " + run.id + " is not stored"));
  }

  private JsonNode inputs(RunEntity run) {
    try {
      return json.readTree(run.inputs);
    } catch (JsonProcessingException e) {
      throw new RunnerException("the inputs of run " + run.id + " are not readable");
    }
  }

  private static StagingGrantEntity grant(
      String tokenHash, String name, RunEntity run, StagingDirection direction, Instant expires) {
    StagingGrantEntity grant = new StagingGrantEntity();
    grant.tokenHash = tokenHash;
    grant.name = name;
    grant.runId = run.id;
    grant.direction = direction;
    grant.expiresAt = expires;
    return grant;
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return TOKEN_TEXT.encodeToString(bytes);
  }
}
