package org.capenv.api.run.kubernetes;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The platform with {@code capenv.runner.type=kubernetes} against the mock API server: the one
 * extra application start of the suite, shared by every class with this profile.
 */
public class KubernetesRunnerProfile implements QuarkusTestProfile {
  static final String NAMESPACE = "capenv-tools";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "capenv.runner.type", "kubernetes",
        "capenv.runner.kubernetes.instance", "test-install",
        "capenv.runner.kubernetes.stager-image",
            "registry.example.police.uk/capenv/stage@sha256:" + "cd".repeat(32),
        "capenv.runner.kubernetes.staging.url", "https://staging.capenv.svc:8443",
        "capenv.runner.kubernetes.staging.host-alias-ip", "10.96.0.42",
        "capenv.runner.kubernetes.staging.platform-pod-labels.\"app.kubernetes.io/name\"", "capenv",
        "capenv.runner.kubernetes.initial-backoff", "PT0.02S",
        "quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN",
        // its own state folder, so that blobs and runs do not mix with the default profile's
        "capenv.state-dir", "target/capenv-state-kubernetes");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(MockKubernetesResource.class),
        new TestResourceEntry(StagingTlsResource.class));
  }
}
