package org.capenv.api.admin.rest;

import java.util.List;
import org.capenv.api.instance.service.InstanceView;

/**
 * The effective, non-secret configuration of the platform and its live replicas. Secrets appear
 * only as whether they are set.
 */
public record ConfigView(
    String version,
    String stateDir,
    Runner runner,
    Audit audit,
    String thisInstance,
    List<InstanceView> instances) {

  /** Runner settings. */
  public record Runner(
      String type, String namespace, String serviceAccount, String runtimeClassName) {}

  /** Audit settings; the signing key itself is never shown. */
  public record Audit(String origin, boolean signingKeyConfigured) {}
}
