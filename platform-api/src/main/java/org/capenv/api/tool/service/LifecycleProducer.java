package org.capenv.api.tool.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Set;
import org.capenv.api.config.PlatformConfig;
import org.capenv.catalog.lifecycle.ApprovalRule;
import org.capenv.catalog.lifecycle.Lifecycle;

/** The lifecycle rules with the review roles this platform is configured to require. */
@ApplicationScoped
public class LifecycleProducer {
  @Produces
  @ApplicationScoped
  Lifecycle lifecycle(PlatformConfig config) {
    return new Lifecycle(new ApprovalRule(Set.copyOf(config.catalog().reviewRoles())));
  }
}
