package org.capenv.api.staging.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Staging grants by token hash, consumed by one conditional UPDATE each. */
@ApplicationScoped
public class StagingGrantRepository
    implements PanacheRepositoryBase<StagingGrantEntity, StagingGrantEntity.Key> {

  public Optional<StagingGrantEntity> grant(String tokenHash, String name) {
    return findByIdOptional(new StagingGrantEntity.Key(tokenHash, name));
  }

  /** Any grant of this token, to tell an unknown token from a name it does not cover. */
  public Optional<StagingGrantEntity> anyOf(String tokenHash) {
    return find("tokenHash", tokenHash).firstResultOptional();
  }

  /**
   * Marks the grant used if it is still unused and unexpired. One statement, so two concurrent
   * requests with the same token and name cannot both succeed.
   *
   * @return whether this call consumed it
   */
  public boolean consume(String tokenHash, String name, Instant now) {
    return update(
            "usedAt = ?1 where tokenHash = ?2 and name = ?3 and usedAt is null"
                + " and expiresAt > ?1",
            now,
            tokenHash,
            name)
        == 1;
  }

  /** The upload grant of a run's output, whose hash and size say what the platform received. */
  public Optional<StagingGrantEntity> upload(String runId, String name) {
    return find(
            "runId = ?1 and name = ?2 and direction = ?3 and sha256 is not null",
            runId,
            name,
            StagingDirection.UPLOAD)
        .firstResultOptional();
  }
}
