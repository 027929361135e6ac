package org.capenv.api.run.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs by id, by idempotency key, and listed for a caller. */
@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<RunEntity, String> {

  /** The run locked for update: state changes of one run are serialised. */
  public Optional<RunEntity> findForUpdate(String id) {
    return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
  }

  public Optional<RunEntity> findByIdempotencyKey(String ownerSubject, String key) {
    return find("ownerSubject = ?1 and idempotencyKey = ?2", ownerSubject, key)
        .firstResultOptional();
  }

  /** Runs handed to the runner that have not ended. */
  public List<RunEntity> launched() {
    return list("state", RunStateValue.RUNNING);
  }

  /** Ids of the runs recorded but not yet launched, oldest first. */
  public List<String> pendingIds() {
    return list("state", Sort.by("createdAt").and("id"), RunStateValue.PENDING).stream()
        .map(run -> run.id)
        .toList();
  }

  /**
   * One page of runs, newest first.
   *
   * @param scope which runs the caller may see; {@link RunScope#all()} for every run
   * @param after the (createdAt, id) of the last run of the previous page, or null
   */
  public List<RunEntity> page(
      RunScope scope,
      RunStateValue state,
      String tool,
      String caseReference,
      Instant afterCreated,
      String afterId,
      int limit) {
    List<String> where = new ArrayList<>();
    Parameters params = new Parameters();
    if (!scope.everything()) {
      List<String> any = new ArrayList<>();
      any.add("ownerSubject = :subject");
      params.and("subject", scope.subject());
      if (!scope.forces().isEmpty()) {
        any.add("force in :forces");
        params.and("forces", scope.forces());
      }
      where.add("(" + String.join(" or ", any) + ")");
    }
    if (state != null) {
      where.add("state = :state");
      params.and("state", state);
    }
    if (tool != null) {
      where.add("toolName = :tool");
      params.and("tool", tool);
    }
    if (caseReference != null) {
      where.add("caseReference = :caseReference");
      params.and("caseReference", caseReference);
    }
    if (afterCreated != null) {
      where.add("(createdAt < :afterCreated or (createdAt = :afterCreated and id < :afterId))");
      params.and("afterCreated", afterCreated).and("afterId", afterId);
    }
    String query =
        (where.isEmpty() ? "" : String.join(" and ", where)) + " order by createdAt desc, id desc";
    if (where.isEmpty()) {
      query = "from RunEntity" + query;
    }
    return find(query, params).page(0, limit).list();
  }

  /** Ids of the runs of a tool version that have not ended, oldest first. */
  public List<String> activeRunIds(String toolName, String toolVersion) {
    return list(
            "toolName = ?1 and toolVersion = ?2 and state in ?3",
            Sort.by("createdAt").and("id"),
            toolName,
            toolVersion,
            List.of(RunStateValue.PENDING, RunStateValue.RUNNING))
        .stream()
        .map(run -> run.id)
        .toList();
  }
}
