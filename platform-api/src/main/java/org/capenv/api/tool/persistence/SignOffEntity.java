package org.capenv.api.tool.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A reviewer's sign-off of a tool version in one review role; immutable once written. */
@Entity
@Table(name = "tool_sign_off")
public class SignOffEntity extends PanacheEntity {
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "tool_version_id", nullable = false, updatable = false)
  public ToolVersionEntity toolVersion;

  @Column(name = "review_round", nullable = false, updatable = false)
  public int reviewRound;

  @Column(name = "reviewer_subject", nullable = false, updatable = false)
  public String reviewerSubject;

  @Column(name = "reviewer_username", updatable = false)
  public String reviewerUsername;

  @Column(nullable = false, updatable = false)
  public String role;

  /** The ALGO-CARE answers as JSON: {@code [{"item":"ADVISORY","outcome":"MET","comment":""}]}. */
  @Column(nullable = false, updatable = false)
  public String checklist;

  @Column(nullable = false, updatable = false)
  public String comments;

  @Column(name = "signed_at", nullable = false, updatable = false)
  public Instant signedAt;
}
