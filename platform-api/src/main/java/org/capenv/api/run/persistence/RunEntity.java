package org.capenv.api.run.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One tool run. Everything that decided and configured it (tool version and image digest, resolved
 * parameters, input hashes, the policy decision) is fixed when it is created; only the state, exit
 * code, outputs and timestamps change afterwards, each change with its audit entry.
 */
@Entity
@Table(name = "tool_run")
public class RunEntity extends PanacheEntityBase {
  @Id public String id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RunStateValue state;

  @Column(name = "tool_name", nullable = false)
  public String toolName;

  @Column(name = "tool_version", nullable = false)
  public String toolVersion;

  @Column(nullable = false)
  public String image;

  @Column(name = "manifest_digest", nullable = false)
  public String manifestDigest;

  /** Comma-separated exit codes that mean success, from the manifest. */
  @Column(name = "success_exit_codes", nullable = false)
  public String successExitCodes;

  /** The resolved parameters as canonical JSON. */
  @Column(nullable = false)
  public String parameters;

  @Column(name = "parameters_digest", nullable = false)
  public String parametersDigest;

  /** JSON array of {name, sha256, size}. */
  @Column(nullable = false)
  public String inputs;

  /** JSON array of {name, sha256, size}; empty until the run completes. */
  @Column(nullable = false)
  public String outputs;

  @Column(nullable = false)
  public String purpose;

  @Column(name = "case_reference", nullable = false)
  public String caseReference;

  @Column(nullable = false)
  public String classification;

  @Column(name = "owner_subject", nullable = false)
  public String ownerSubject;

  @Column(name = "owner_username")
  public String ownerUsername;

  @Column(name = "client_id")
  public String clientId;

  @Column(nullable = false)
  public String force;

  @Column(name = "policy_digest", nullable = false)
  public String policyDigest;

  /** JSON array of matched rule names. */
  @Column(name = "policy_rules", nullable = false)
  public String policyRules;

  /** JSON array of the decision's messages. */
  @Column(name = "policy_messages", nullable = false)
  public String policyMessages;

  @Column(name = "idempotency_key")
  public String idempotencyKey;

  /** SHA-256 of the request as submitted, to tell a retry from a different request. */
  @Column(name = "request_digest", nullable = false)
  public String requestDigest;

  @Column(name = "exit_code")
  public Integer exitCode;

  @Column public String reason;

  @Column public String message;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "launched_at")
  public Instant launchedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Version
  @Column(name = "row_version", nullable = false)
  public long rowVersion;
}
