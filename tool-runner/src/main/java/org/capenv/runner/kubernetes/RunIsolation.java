package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.capenv.runner.RunnerException;
import org.capenv.runner.spec.RunSpec;

/**
 * Creates a run's objects in the only safe order: NetworkPolicy (created, and what the API server
 * stored compared with what was asked for), token Secret, Job. A NetworkPolicy that cannot be
 * created or confirmed stops the launch before any Job exists. Each create that meets 409 keeps the
 * object an earlier attempt made, so a retried launch never makes a second Job; a NetworkPolicy
 * that exists already means an earlier attempt may have gone as far as the Job, which is then
 * adopted as it is (ADR 0099).
 */
final class RunIsolation {
  private static final System.Logger LOG = System.getLogger(RunIsolation.class.getName());

  private final KubernetesClient client;
  private final KubernetesRunnerConfig config;
  private final StagingTokenIssuer tokens;
  private final ApiRetry retry;

  RunIsolation(
      KubernetesClient client,
      KubernetesRunnerConfig config,
      StagingTokenIssuer tokens,
      ApiRetry retry) {
    this.client = client;
    this.config = config;
    this.tokens = tokens;
    this.retry = retry;
  }

  /**
   * Creates policy, Secret and Job for the run; returns the Job as the API server stored it, or the
   * Job an earlier attempt for this run created.
   */
  Job create(RunSpec spec) {
    String name = RunObjects.name(spec.runId());
    NetworkPolicy created;
    try {
      created =
          retry.call(
              "create NetworkPolicy " + name,
              () -> policies().resource(NetworkPolicyFactory.build(spec, config)).create());
    } catch (RunnerException e) {
      if (!ApiRetry.isConflict(e)) {
        throw refused(spec, e);
      }
      // an earlier attempt for this run: if it got as far as the Job, that Job is the run
      Job earlier = retry.call("read Job " + name, () -> jobs().withName(name).get());
      if (earlier != null) {
        return earlier;
      }
      created = null;
    }
    NetworkPolicy policy = confirmNetworkPolicy(spec, created);
    // tokens are issued once per launch, not per API attempt; the Secret is owned by the policy
    // from its creation, so it is collected with it (the platform may not patch or read Secrets)
    Secret desired = JobFactory.secret(spec, config, tokens.issue(spec.runId()));
    desired.getMetadata().setOwnerReferences(List.of(owner(policy)));
    Secret secret = createSecret(name, desired);
    Job job;
    try {
      job =
          createOrKeep(
              "create Job " + name,
              () -> jobs().resource(JobFactory.job(spec, config)).create(),
              () -> jobs().withName(name).get());
    } catch (RunnerException e) {
      removeQuietly(secret);
      removeQuietly(policy);
      throw new RunnerException("run " + spec.runId() + " not started: " + e.getMessage(), e);
    }
    setOwner(policy, job);
    return job;
  }

  /**
   * Confirms the run's NetworkPolicy as the API server stored it: the object its create returned
   * (after any admission webhook), or, if an earlier attempt created it, the object read now. On
   * any doubt, removes it and refuses.
   */
  private NetworkPolicy confirmNetworkPolicy(RunSpec spec, NetworkPolicy created) {
    String name = RunObjects.name(spec.runId());
    try {
      NetworkPolicy stored =
          created != null
              ? created
              : retry.call(
                  "read existing NetworkPolicy " + name, () -> policies().withName(name).get());
      if (!NetworkPolicyFactory.confirms(stored, spec, config)) {
        throw new RunnerException(
            "NetworkPolicy "
                + name
                + (stored == null ? " is missing" : " as stored differs from the one created"));
      }
      return stored;
    } catch (RunnerException e) {
      throw refused(spec, e);
    }
  }

  /** Removes the run's NetworkPolicy, if any, and says why the run was not started. */
  private RunnerException refused(RunSpec spec, RunnerException cause) {
    String name = RunObjects.name(spec.runId());
    try {
      policies().withName(name).delete();
    } catch (RuntimeException cleanup) {
      LOG.log(Level.WARNING, "cannot remove NetworkPolicy " + name, cleanup);
    }
    return new RunnerException(
        "run " + spec.runId() + " not started, no Job created: " + cause.getMessage(), cause);
  }

  private NonNamespaceOperation<NetworkPolicy, NetworkPolicyList, Resource<NetworkPolicy>>
      policies() {
    return client.network().v1().networkPolicies().inNamespace(config.namespace());
  }

  private NonNamespaceOperation<Job, JobList, ScalableResource<Job>> jobs() {
    return client.batch().v1().jobs().inNamespace(config.namespace());
  }

  /**
   * Creates the run's token Secret. One left by an earlier attempt holds that attempt's tokens, and
   * the platform may not read Secrets: it is deleted and created again with this launch's tokens.
   */
  private Secret createSecret(String name, Secret desired) {
    var secrets = client.secrets().inNamespace(config.namespace());
    try {
      return retry.call("create Secret " + name, () -> secrets.resource(desired).create());
    } catch (RunnerException e) {
      if (!ApiRetry.isConflict(e)) {
        throw e;
      }
      retry.call("delete earlier Secret " + name, () -> secrets.withName(name).delete());
      return retry.call("create Secret " + name, () -> secrets.resource(desired).create());
    }
  }

  /** Creates an object; 409 means an earlier attempt created it, which is then read and kept. */
  private <T> T createOrKeep(String operation, Supplier<T> create, Supplier<T> read) {
    try {
      return retry.call(operation, create);
    } catch (RunnerException e) {
      if (!ApiRetry.isConflict(e)) {
        throw e;
      }
      T existing = retry.call(operation + " (read existing)", read);
      if (existing == null) {
        throw e;
      }
      return existing;
    }
  }

  private void removeQuietly(HasMetadata object) {
    try {
      client.resource(object).inNamespace(config.namespace()).delete();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "cannot remove " + object.getKind() + " " + object.getMetadata().getName(),
          e);
    }
  }

  /**
   * Makes the NetworkPolicy, and with it the Secret it owns, go away with the Job (garbage
   * collection): one merge patch, which sets the owner without reading the object first. It is
   * patched through the object its create returned: fabric8's patch by name alone reads the object
   * from the server first.
   */
  private void setOwner(NetworkPolicy policy, Job job) {
    String patch =
        RunObjects.mergePatch(Map.of("metadata", Map.of("ownerReferences", List.of(owner(job)))));
    try {
      retry.call(
          "set owner of NetworkPolicy " + policy.getMetadata().getName(),
          () -> policies().resource(policy).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    } catch (RunnerException e) {
      // the run is isolated either way; cancel and capture delete these objects explicitly
      LOG.log(Level.WARNING, e.getMessage());
    }
  }

  /** A reference to {@code owner} that neither blocks its deletion nor claims to control it. */
  private static OwnerReference owner(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withBlockOwnerDeletion(false)
        .withController(false)
        .build();
  }
}
