package org.capenv.api.tool.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.capenv.catalog.lifecycle.VersionState;

/** Tool versions by their coordinates and states. */
@ApplicationScoped
public class ToolVersionRepository implements PanacheRepository<ToolVersionEntity> {

  public Optional<ToolVersionEntity> find(String name, String version) {
    return find("name = ?1 and version = ?2", name, version).firstResultOptional();
  }

  /**
   * The digest of the version's manifest if the version may start runs now ({@link
   * VersionState#runnable()}), without reading the manifest's text. The state is compared here
   * rather than in the query: a collection parameter made Hibernate translate the query again on
   * every call.
   */
  public Optional<String> runnableManifestDigest(String name, String version) {
    return getEntityManager()
        .createQuery(
            "select v.state, v.manifestDigest from ToolVersionEntity v"
                + " where v.name = ?1 and v.version = ?2",
            Object[].class)
        .setParameter(1, name)
        .setParameter(2, version)
        .getResultList()
        .stream()
        .filter(row -> ((VersionState) row[0]).runnable())
        .map(row -> (String) row[1])
        .findFirst();
  }

  /** The version, locked for update: transitions and sign-offs on one version are serialised. */
  public Optional<ToolVersionEntity> findForUpdate(String name, String version) {
    return find("name = ?1 and version = ?2", name, version)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  public List<ToolVersionEntity> inStates(Collection<VersionState> states) {
    return list("state in ?1", Sort.by("name").and("createdAt"), states);
  }

  public List<SignOffEntity> signOffs(ToolVersionEntity version) {
    return SignOffEntity.list("toolVersion = ?1", Sort.by("signedAt").and("id"), version);
  }
}
