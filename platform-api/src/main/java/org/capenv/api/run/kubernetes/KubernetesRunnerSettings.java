package org.capenv.api.run.kubernetes;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.capenv.api.config.RunnerConfig;
import org.capenv.runner.kubernetes.KubernetesRunnerConfig;
import org.capenv.runner.kubernetes.StagingEndpoint;
import org.capenv.runner.spec.ImageReference;

/**
 * Turns {@code capenv.runner.kubernetes.*} into the runner's settings, refusing what the runner
 * cannot run safely with: no stager image, a stager image by tag, no staging URL, a staging URL
 * that is not HTTPS, no label selecting the platform pods, or no address for the staging host.
 */
public final class KubernetesRunnerSettings {
  private static final String LABEL_NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
  private static final Pattern LABEL_KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?" + LABEL_NAME);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_NAME);

  private KubernetesRunnerSettings() {}

  /**
   * @throws IllegalStateException naming the key to fix
   */
  public static KubernetesRunnerConfig from(RunnerConfig.Kubernetes kubernetes) {
    String prefix = "capenv.runner.kubernetes.";
    try {
      ImageReference stager =
          ImageReference.parse(
              kubernetes
                  .stagerImage()
                  .orElseThrow(() -> missing(prefix + "stager-image", "an image by digest")));
      RunnerConfig.Staging endpoint = kubernetes.staging();
      URI url =
          endpoint.url().orElseThrow(() -> missing(prefix + "staging.url", "an https:// URL"));
      Optional<String> alias = endpoint.hostAliasIp();
      if (alias.isEmpty() && !isIpLiteral(url.getHost())) {
        throw missing(
            prefix + "staging.host-alias-ip",
            "the staging Service IP (tool pods have no DNS to resolve " + url.getHost() + ")");
      }
      StagingEndpoint staging =
          new StagingEndpoint(
              url,
              alias,
              endpoint.platformNamespace(),
              platformPodLabels(endpoint, prefix + "staging.platform-pod-selector"),
              endpoint.port(),
              endpoint.caConfigMap().filter(name -> !name.isBlank()));
      return new KubernetesRunnerConfig(
          kubernetes.namespace(),
          kubernetes.serviceAccount(),
          kubernetes.runtimeClassName().filter(name -> !name.isBlank()),
          kubernetes.instance(),
          stager,
          staging,
          kubernetes.ttlAfterCapture(),
          kubernetes.maxAttempts(),
          kubernetes.initialBackoff());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("invalid " + prefix + "* setting: " + e.getMessage(), e);
    }
  }

  /** {@code platform-pod-labels} plus the {@code key=value,...} pairs of the selector form. */
  private static Map<String, String> platformPodLabels(RunnerConfig.Staging endpoint, String key) {
    Map<String, String> labels = new TreeMap<>(endpoint.platformPodLabels());
    for (String pair : endpoint.platformPodSelector().orElse("").split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? "" : pair.substring(0, eq).strip();
      String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
      if (!LABEL_KEY.matcher(name).matches() || !LABEL_VALUE.matcher(value).matches()) {
        throw new IllegalStateException(
            key + " must be key=value pairs of Kubernetes labels, got '" + pair.strip() + "'");
      }
      labels.put(name, value);
    }
    return labels;
  }

  private static IllegalStateException missing(String key, String what) {
    return new IllegalStateException(
        key + " is required with capenv.runner.type=kubernetes: " + what);
  }

  private static boolean isIpLiteral(String host) {
    return host != null && (host.matches("[0-9.]+") || host.startsWith("["));
  }
}
