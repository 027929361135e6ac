package org.capenv.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Identity and signing key of the audit log's checkpoints. */
@ConfigMapping(prefix = "capenv.audit")
public interface AuditConfig {
  /** The checkpoint origin line, naming this log, e.g. {@code capenv.example.police.uk/audit}. */
  @WithDefault("capenv.localhost/audit")
  String origin();

  /**
   * The Ed25519 signer key in the signed-note text form {@code PRIVATE+KEY+<name>+<keyid>+<key>}. A
   * secret: supply it through the environment ({@code CAPENV_AUDIT_SIGNING_KEY}), never a file in
   * the repository. It is never logged nor returned by any endpoint.
   */
  Optional<String> signingKey();

  /** How often a new checkpoint is signed when the log has grown. */
  @WithDefault("10s")
  Duration checkpointInterval();
}
