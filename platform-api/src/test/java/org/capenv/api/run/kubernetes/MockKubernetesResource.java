package org.capenv.api.run.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The fabric8 mock Kubernetes API server in CRUD mode (objects stored and watched, no controllers),
 * with the platform's Kubernetes client pointed at it.
 */
public class MockKubernetesResource implements QuarkusTestResourceLifecycleManager {
  private KubernetesMockServer server;

  @Override
  public Map<String, String> start() {
    server = CrudApiServer.start();
    String url;
    try (KubernetesClient client = server.createClient()) {
      url = client.getConfiguration().getMasterUrl();
    }
    return Map.of(
        "quarkus.kubernetes-client.api-server-url",
        url,
        "quarkus.kubernetes-client.trust-certs",
        "true",
        "quarkus.kubernetes-client.namespace",
        KubernetesRunnerProfile.NAMESPACE);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.destroy();
    }
  }
}
