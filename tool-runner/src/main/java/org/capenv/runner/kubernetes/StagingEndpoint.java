package org.capenv.runner.kubernetes;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * @param caConfigMap name of a ConfigMap in the tools namespace whose key {@code ca.crt} holds the
 *     CA bundle the staging containers trust for the staging server's certificate (usually a
 *     private CA); empty: the stager image's own trust store
 */
public record StagingEndpoint(
    URI url,
    Optional<String> hostAliasIp,
    String platformNamespace,
    Map<String, String> platformPodLabels,
    int port,
    Optional<String> caConfigMap) {
  /** The key of the CA ConfigMap that holds the PEM bundle. */
  public static final String CA_KEY = "ca.crt";

  private static final Pattern CONFIG_MAP_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

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
    Objects.requireNonNull(caConfigMap, "caConfigMap");
    caConfigMap.ifPresent(
        name -> {
          if (!CONFIG_MAP_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                "caConfigMap is not a ConfigMap name (RFC 1123 subdomain): '" + name + "'");
          }
        });
  }

  /** An endpoint whose certificate the stager image's own trust store verifies (no CA bundle). */
  public StagingEndpoint(
      URI url,
      Optional<String> hostAliasIp,
      String platformNamespace,
      Map<String, String> platformPodLabels,
      int port) {
    this(url, hostAliasIp, platformNamespace, platformPodLabels, port, Optional.empty());
  }
}
