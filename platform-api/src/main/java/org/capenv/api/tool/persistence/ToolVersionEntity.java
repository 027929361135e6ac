package org.capenv.api.tool.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.capenv.catalog.lifecycle.VersionState;

/**
 * One version of a tool in the catalogue. The manifest text is kept exactly as submitted; once the
 * version leaves DRAFT the database itself refuses to change it (see V101__tool_catalogue.sql).
 */
@Entity
@Table(name = "tool_version")
public class ToolVersionEntity extends PanacheEntity {
  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String version;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public VersionState state;

  @Column(name = "review_round", nullable = false)
  public int reviewRound;

  @Column(nullable = false)
  public String manifest;

  @Column(name = "manifest_digest", nullable = false)
  public String manifestDigest;

  @Column(nullable = false)
  public String summary;

  @Column(name = "submitter_subject", nullable = false)
  public String submitterSubject;

  @Column(name = "submitter_username")
  public String submitterUsername;

  @Column(name = "submitter_force")
  public String submitterForce;

  @Column(name = "state_reason")
  public String stateReason;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version
  @Column(name = "row_version", nullable = false)
  public long rowVersion;

  public String coordinates() {
    return name + "@" + version;
  }
}
