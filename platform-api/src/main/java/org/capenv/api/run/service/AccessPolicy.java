package org.capenv.api.run.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.capenv.api.common.ProblemException;
import org.capenv.api.config.PlatformConfig;
import org.capenv.api.security.CallerIdentity;
import org.capenv.catalog.manifest.ToolManifest;
import org.capenv.policy.Decision;
import org.capenv.policy.PolicyBundleHolder;
import org.capenv.policy.PolicyInput;
import org.capenv.policy.PolicyLoadException;
import org.jboss.logging.Logger;

/**
 * The access policy bundle from {@code capenv.policies.dir}, loaded at start. A configured bundle
 * that does not load stops the platform from starting. Without a configured folder no run is
 * authorised at all (503): the access policies are not shipped inside the application, and running
 * tools without them would be running without rules.
 */
@Startup
@ApplicationScoped
public class AccessPolicy {
  static final URI UNAVAILABLE = URI.create("https://capenv.org/problems/policy-unavailable");
  private static final Logger LOG = Logger.getLogger(AccessPolicy.class);

  @Inject PlatformConfig config;

  private PolicyBundleHolder holder;

  @PostConstruct
  void load() {
    if (config.policies().dir().isEmpty()) {
      LOG.error("capenv.policies.dir is not set: every run request will be refused");
      return;
    }
    try {
      holder = new PolicyBundleHolder(config.policies().dir().get());
    } catch (PolicyLoadException e) {
      throw new IllegalStateException(
          "the access policy bundle does not load: " + e.getMessage(), e);
    }
    LOG.infof("access policies loaded, bundle %s", holder.current().digest());
  }

  /** The decision for this caller, tool and request. */
  @WithSpan("capenv.policy.decide")
  public Decision decide(
      CallerIdentity caller,
      ToolManifest manifest,
      String purpose,
      String caseReference,
      String classification,
      long inputBytes) {
    if (holder == null) {
      throw new ProblemException(
          Status.SERVICE_UNAVAILABLE,
          UNAVAILABLE,
          "Access policies unavailable",
          "No access policy bundle is configured; no run can be authorised.");
    }
    ToolManifest.Access access = manifest.access();
    return holder.decide(
        new PolicyInput(
            new PolicyInput.User(
                caller.subject(),
                caller.username(),
                caller.force().orElse(null),
                List.copyOf(caller.roles()),
                caller.vetting().name(),
                caller.clientId().orElse(null),
                caller.dataScope().claimValue()),
            new PolicyInput.Tool(
                manifest.name(),
                manifest.version(),
                access.maxClassification().label(),
                access.minVetting().name(),
                access.roles(),
                access.allForces() ? List.of("*") : access.forces()),
            new PolicyInput.Request(purpose, caseReference, classification, inputBytes),
            new PolicyInput.Env(Instant.now(), Map.of())));
  }
}
