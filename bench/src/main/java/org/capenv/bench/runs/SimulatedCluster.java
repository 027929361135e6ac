package org.capenv.bench.runs;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a cluster does with the platform's Jobs: they finish, and once captured they are collected,
 * so that the platform does a run's whole Kubernetes life under load and the mock API server does
 * not keep every run ever launched. The fabric8 mock server matches every request against every
 * object it stores, so its cost per call grows with what it holds; under the benchmark's load it
 * falls behind these deletes, so its store still grows, more slowly (bench/README-runs.md).
 *
 * <p>For each Job of the platform's installation it plays three controllers: the Job controller and
 * kubelet (a pod whose tool exited 0 and whose {@code stage-out} reported no outputs, then the
 * Job's {@code Complete} condition), and, once the platform has captured the run and set {@code
 * ttlSecondsAfterFinished}, the TTL controller with the garbage collector (the Job, its pod and the
 * NetworkPolicy the Job owns are deleted; the platform deletes the token Secret itself).
 */
final class SimulatedCluster implements AutoCloseable {
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final String namespace;
  private final ScheduledExecutorService work =
      Executors.newScheduledThreadPool(
          2,
          task -> {
            Thread thread = new Thread(task, "simulated-cluster");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<String> finished = ConcurrentHashMap.newKeySet();
  private final Set<String> collected = ConcurrentHashMap.newKeySet();
  private final AtomicLong failures = new AtomicLong();
  private final SharedIndexInformer<Job> informer;

  SimulatedCluster(
      KubernetesMockServer server,
      KubernetesClient client,
      String namespace,
      Map<String, String> selector) {
    this.server = server;
    this.client = client;
    this.namespace = namespace;
    this.informer =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabels(selector)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Job job) {
                    observe(job);
                  }

                  @Override
                  public void onUpdate(Job before, Job job) {
                    observe(job);
                  }

                  @Override
                  public void onDelete(Job job, boolean unknownFinalState) {}
                },
                0);
  }

  /** Calls to the API server that failed: the simulation must not hide its own errors. */
  long failures() {
    return failures.get();
  }

  private void observe(Job job) {
    String name = job.getMetadata().getName();
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    if (ttl != null) {
      if (collected.add(name)) {
        work.schedule(() -> collect(name), ttl, TimeUnit.SECONDS);
      }
    } else if (finished.add(name)) {
      work.execute(() -> finish(job));
    }
  }

  /**
   * The pod ran to completion with no outputs, and the Job controller marks the Job complete. The
   * kubelet's answer to the capture's request for the tool's log is one line: the mock server does
   * not implement logs, and its CRUD answer to that path is far larger than any log limit.
   */
  private void finish(Job job) {
    String name = job.getMetadata().getName();
    String limit = job.getMetadata().getAnnotations().get("capenv.org/log-max-bytes");
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/"
                + namespace
                + "/pods/"
                + name
                + "-sim/log?pretty=false&container=tool&limitBytes="
                + limit)
        .andReturn(200, "mlr: 1 record written\n")
        .once();
    try {
      client
          .pods()
          .inNamespace(namespace)
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(name + "-sim")
                  .withNamespace(namespace)
                  .withLabels(Map.of("job-name", name))
                  .endMetadata()
                  .withNewStatus()
                  .withPhase("Succeeded")
                  .withInitContainerStatuses(terminated("stage-in", null), terminated("tool", null))
                  .withContainerStatuses(List.of(terminated("stage-out", "[]")))
                  .endStatus()
                  .build())
          .create();
      Job done =
          new JobBuilder(job)
              .withStatus(
                  new JobStatusBuilder()
                      .withActive(0)
                      .withSucceeded(1)
                      .withConditions(
                          new JobConditionBuilder().withType("Complete").withStatus("True").build())
                      .build())
              .build();
      client.batch().v1().jobs().inNamespace(namespace).resource(done).updateStatus();
    } catch (KubernetesClientException e) {
      failures.incrementAndGet();
    }
  }

  /** The TTL controller deletes the Job; the garbage collector what the Job owns. */
  private void collect(String name) {
    try {
      client.batch().v1().jobs().inNamespace(namespace).withName(name).delete();
      client.pods().inNamespace(namespace).withName(name + "-sim").delete();
      client.network().v1().networkPolicies().inNamespace(namespace).withName(name).delete();
    } catch (KubernetesClientException e) {
      failures.incrementAndGet();
    }
  }

  private static ContainerStatus terminated(String name, String message) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .withMessage(message)
        .withReason("Completed")
        .endTerminated()
        .endState()
        .build();
  }

  @Override
  public void close() {
    informer.close();
    work.shutdownNow();
  }
}
