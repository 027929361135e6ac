package org.capenv.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the platform keeps local state and finds its policies and local tool catalogue. */
@ConfigMapping(prefix = "capenv")
public interface PlatformConfig {
  /** Folder for local state (staged inputs and outputs of local runs). */
  @WithDefault(".capenv/state")
  Path stateDir();

  /** Access policies. */
  Policies policies();

  /** Tool catalogue. */
  Catalog catalog();

  /** Access policy settings. */
  interface Policies {
    /** Folder of access policies to load instead of the bundled ones; empty: the bundled ones. */
    Optional<Path> dir();
  }

  /** Local tool catalogue settings. */
  interface Catalog {
    /** Folder of tool manifests to import at start (local use and demos); empty: none. */
    Optional<Path> dir();

    /**
     * Whether the manifests in {@link #dir()} are imported as APPROVED, without review, through a
     * recorded bootstrap. Only for local use and tests: a production start refuses {@code true}.
     */
    @WithDefault("false")
    boolean bootstrapApprove();

    /**
     * The review roles whose sign-offs, each by a different person other than the submitter,
     * approve a tool version.
     */
    @WithDefault("reviewer-ethics,reviewer-information,reviewer-security")
    List<String> reviewRoles();
  }
}
