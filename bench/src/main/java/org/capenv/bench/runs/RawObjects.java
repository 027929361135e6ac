package org.capenv.bench.runs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.Map;

/**
 * The objects the platform created for one run, as the API server stored them, copied under new
 * names into a namespace of their own (and without the installation label, so that the platform's
 * informer ignores them): what creating the same objects costs with the fabric8 client alone.
 */
final class RawObjects {
  static final String NAMESPACE = "capenv-raw";

  private final KubernetesClient client;
  private final NetworkPolicy policy;
  private final Secret secret;
  private final Job job;

  private RawObjects(KubernetesClient client, NetworkPolicy policy, Secret secret, Job job) {
    this.client = client;
    this.policy = policy;
    this.secret = secret;
    this.job = job;
  }

  /** The NetworkPolicy, Secret and Job named {@code name} in {@code namespace}. */
  static RawObjects capture(KubernetesClient client, String namespace, String name) {
    return new RawObjects(
        client,
        client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get(),
        client.secrets().inNamespace(namespace).withName(name).get(),
        client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
  }

  /** Creates a copy of the Job alone. */
  void createJob(int index) {
    client.batch().v1().jobs().inNamespace(NAMESPACE).resource(copy(job, "job-" + index)).create();
  }

  /** What the runner does per run: policy created and read back, Secret, Job. */
  void createRunObjects(int index) {
    String name = "run-" + index;
    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(NAMESPACE)
        .resource(copy(policy, name))
        .create();
    client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName(name).get();
    client.secrets().inNamespace(NAMESPACE).resource(copy(secret, name)).create();
    client.batch().v1().jobs().inNamespace(NAMESPACE).resource(copy(job, name)).create();
  }

  /**
   * Deletes every object created here, outside any measurement: the mock server's cost per call
   * grows with what it holds, and the next level should meet the store the runs left, not this one.
   */
  void deleteAll() {
    client.batch().v1().jobs().inNamespace(NAMESPACE).delete();
    client.secrets().inNamespace(NAMESPACE).delete();
    client.network().v1().networkPolicies().inNamespace(NAMESPACE).delete();
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> T copy(T original, String name) {
    T copy = (T) Serialization.clone(original);
    ObjectMeta meta = copy.getMetadata();
    Map<String, String> labels =
        new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.remove("capenv.org/instance");
    ObjectMeta fresh = new ObjectMeta();
    fresh.setName(name);
    fresh.setNamespace(NAMESPACE);
    fresh.setLabels(labels);
    fresh.setAnnotations(meta.getAnnotations());
    copy.setMetadata(fresh);
    if (copy instanceof Job copied) {
      copied.setStatus(null);
    }
    return copy;
  }
}
