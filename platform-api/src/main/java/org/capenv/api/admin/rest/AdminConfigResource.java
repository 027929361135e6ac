package org.capenv.api.admin.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.capenv.api.config.AuditConfig;
import org.capenv.api.config.PlatformConfig;
import org.capenv.api.config.RunnerConfig;
import org.capenv.api.instance.service.InstanceRegistry;
import org.capenv.api.security.Roles;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lets platform administrators check the effective configuration and the live replicas. */
@Path("/api/admin/config")
@Tag(name = "administration")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class AdminConfigResource {
  @Inject PlatformConfig platform;
  @Inject RunnerConfig runner;
  @Inject AuditConfig audit;
  @Inject InstanceRegistry instances;

  @Inject
  @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
  String version;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Effective non-secret configuration and live replicas")
  public ConfigView config() {
    RunnerConfig.Kubernetes kubernetes = runner.kubernetes();
    return new ConfigView(
        version,
        platform.stateDir().toString(),
        new ConfigView.Runner(
            runner.type().name().toLowerCase(Locale.ROOT),
            kubernetes.namespace(),
            kubernetes.serviceAccount(),
            kubernetes.runtimeClassName().orElse(null)),
        new ConfigView.Audit(audit.origin(), audit.signingKey().isPresent()),
        instances.instanceId(),
        instances.live());
  }
}
