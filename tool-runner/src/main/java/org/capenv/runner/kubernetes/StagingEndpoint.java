package org.capenv.runner.kubernetes;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the staging containers of a run fetch inputs and upload outputs: the platform's staging
 * endpoint, and the only destination the run's NetworkPolicy lets the pod reach.
 *
 * @param url HTTPS base URL of the staging API
 * @param hostAliasIp address the staging host name resolves to inside the pod (written to {@code
 *     /etc/hosts}), because the pod gets no DNS: DNS would be an exfiltration channel
 * @param platformNamespace namespace of the platform pods
 * @param platformPodLabels labels selecting the platform pods that serve staging
 * @param port TCP port of the staging API
 */
public record StagingEndpoint(
    URI url,
    Optional<String> hostAliasIp,
    String platformNamespace,
    Map<String, String> platformPodLabels,
    int port) {
  public StagingEndpoint {
    Objects.requireNonNull(url, "url");
    if (!"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("staging url must be https, got " + url);
    }
    Objects.requireNonNull(hostAliasIp, "hostAliasIp");
    Objects.requireNonNull(platformNamespace, "platformNamespace");
    platformPodLabels = Map.copyOf(platformPodLabels);
    if (platformPodLabels.isEmpty()) {
      throw new IllegalArgumentException("platformPodLabels must select the platform pods");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
