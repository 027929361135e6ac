package org.capenv.runner.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;
import org.capenv.runner.RunnerException;
import org.capenv.runner.spec.RunSpec;

/**
 * Creates a run's objects in the only safe order: NetworkPolicy (created, then read back and
 * compared), token Secret, Job. A NetworkPolicy that cannot be created or confirmed stops the
 * launch before any Job exists. Each create that meets 409 keeps the object an earlier attempt
 * made, so a retried launch never makes a second Job.
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

  /** Creates policy, Secret and Job for the run; returns the Job as the API server stored it. */
  Job create(RunSpec spec) {
    String name = RunObjects.name(spec.runId());
    NetworkPolicy policy = ensureNetworkPolicy(spec);
    // tokens are issued once per launch, not per API attempt
    Secret desired = JobFactory.secret(spec, config, tokens.issue(spec.runId()));
    Secret secret =
        createOrKeep(
            "create Secret " + name,
            () -> client.secrets().inNamespace(config.namespace()).resource(desired).create(),
            () -> client.secrets().inNamespace(config.namespace()).withName(name).get());
    Job job;
    try {
      job =
          createOrKeep(
              "create Job " + name,
              () ->
                  client
                      .batch()
                      .v1()
                      .jobs()
                      .inNamespace(config.namespace())
                      .resource(JobFactory.job(spec, config))
                      .create(),
              () ->
                  client.batch().v1().jobs().inNamespace(config.namespace()).withName(name).get());
    } catch (RunnerException e) {
      removeQuietly(secret);
      removeQuietly(policy);
      throw new RunnerException("run " + spec.runId() + " not started: " + e.getMessage(), e);
    }
    setOwner(policy, job);
    setOwner(secret, job);
    return job;
  }

  /** Creates and reads back the run's NetworkPolicy; on any doubt, removes it and refuses. */
  private NetworkPolicy ensureNetworkPolicy(RunSpec spec) {
    String name = RunObjects.name(spec.runId());
    var policies = client.network().v1().networkPolicies().inNamespace(config.namespace());
    try {
      createOrKeep(
          "create NetworkPolicy " + name,
          () -> policies.resource(NetworkPolicyFactory.build(spec, config)).create(),
          () -> policies.withName(name).get());
      NetworkPolicy stored =
          retry.call("read back NetworkPolicy " + name, () -> policies.withName(name).get());
      if (!NetworkPolicyFactory.confirms(stored, spec, config)) {
        throw new RunnerException(
            "NetworkPolicy "
                + name
                + " read back "
                + (stored == null ? "missing" : "different from the one created"));
      }
      return stored;
    } catch (RunnerException e) {
      try {
        policies.withName(name).delete();
      } catch (RuntimeException cleanup) {
        LOG.log(Level.WARNING, "cannot remove NetworkPolicy " + name, cleanup);
      }
      throw new RunnerException(
          "run " + spec.runId() + " not started, no Job created: " + e.getMessage(), e);
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

  /** Makes the NetworkPolicy and the Secret go away with the Job (garbage collection). */
  private void setOwner(HasMetadata dependent, Job job) {
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion("batch/v1")
            .withKind("Job")
            .withName(job.getMetadata().getName())
            .withUid(job.getMetadata().getUid())
            .withBlockOwnerDeletion(false)
            .withController(false)
            .build();
    try {
      retry.call(
          "set owner of " + dependent.getKind() + " " + dependent.getMetadata().getName(),
          () ->
              client
                  .resource(dependent)
                  .inNamespace(config.namespace())
                  .edit(
                      d -> {
                        d.getMetadata().setOwnerReferences(List.of(owner));
                        return d;
                      }));
    } catch (RunnerException e) {
      // the run is isolated either way; cancel and completion delete these objects explicitly
      LOG.log(Level.WARNING, e.getMessage());
    }
  }
}
