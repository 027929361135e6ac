package org.capenv.api.staging.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What one staging token may do with one declared name of one run: fetch that input, or upload that
 * output, once, before it expires. The token itself is never stored, only its SHA-256.
 */
@Entity
@Table(name = "staging_grant")
@IdClass(StagingGrantEntity.Key.class)
public class StagingGrantEntity extends PanacheEntityBase {
  @Id
  @Column(name = "token_hash")
  public String tokenHash;

  @Id public String name;

  @Column(name = "run_id", nullable = false)
  public String runId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public StagingDirection direction;

  /** Inputs: the hash recorded at submission; outputs: the hash of the bytes received. */
  public String sha256;

  @Column(name = "size_bytes")
  public Long sizeBytes;

  @Column(name = "max_bytes", nullable = false)
  public long maxBytes;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "used_at")
  public Instant usedAt;

  /** The composite key: token hash and name. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    public String tokenHash;
    public String name;

    public Key() {}

    public Key(String tokenHash, String name) {
      this.tokenHash = tokenHash;
      this.name = name;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(tokenHash, key.tokenHash)
          && Objects.equals(name, key.name);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tokenHash, name);
    }
  }
}
