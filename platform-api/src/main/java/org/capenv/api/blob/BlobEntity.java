package org.capenv.api.blob;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One collection of a file (upload) or one captured run output, for one force. */
@Entity
@Table(name = "blob")
public class BlobEntity extends PanacheEntity {
  public static final String UPLOAD = "UPLOAD";
  public static final String OUTPUT = "OUTPUT";

  @Column(nullable = false)
  public String sha256;

  @Column(name = "size_bytes", nullable = false)
  public long sizeBytes;

  @Column(name = "media_type", nullable = false)
  public String mediaType;

  @Column(nullable = false)
  public String force;

  @Column(name = "uploader_subject", nullable = false)
  public String uploaderSubject;

  @Column(name = "uploader_username")
  public String uploaderUsername;

  @Column(name = "client_id")
  public String clientId;

  @Column(nullable = false)
  public String source;

  @Column(name = "run_id")
  public String runId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /**
   * The size of a blob with this content collected for this force, if any: what a run's input
   * needs, read without loading the row as an entity.
   */
  public static Optional<Long> sizeForForce(String sha256, String force) {
    return getEntityManager()
        .createQuery(
            "select b.sizeBytes from BlobEntity b where b.sha256 = ?1 and b.force = ?2 order by b.id",
            Long.class)
        .setParameter(1, sha256)
        .setParameter(2, force)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst();
  }
}
