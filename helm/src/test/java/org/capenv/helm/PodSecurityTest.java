package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod the chart can create (Deployment, and any Job, hook or other workload) meets the
 * restricted Pod Security Standard, checked field by field on the fabric8 model.
 */
class PodSecurityTest {

  /** Volume types the restricted profile allows. */
  private static final List<String> ALLOWED_VOLUMES =
      List.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  static Stream<Arguments> renders() {
    return Stream.of(
        Arguments.of("defaults", Chart.renderDefaults()),
        Arguments.of("production", Chart.renderProduction()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void everyPodSpecIsRestricted(String name, List<HasMetadata> objects) {
    Map<String, PodSpec> pods = podSpecs(objects);
    assertThat(pods).as("pod-bearing objects").containsKey("Deployment/capenv");

    pods.forEach(
        (owner, pod) -> {
          PodSecurityContext podContext = pod.getSecurityContext();
          assertThat(podContext).as("%s pod securityContext", owner).isNotNull();
          assertThat(podContext.getSeccompProfile().getType())
              .as("%s seccomp", owner)
              .isEqualTo("RuntimeDefault");
          // As Pod Security Admission reads it: an explicit false or 0 at pod level is refused
          // even when every container overrides it.
          assertThat(podContext.getRunAsNonRoot())
              .as("%s pod runAsNonRoot", owner)
              .isNotEqualTo(Boolean.FALSE);
          assertThat(podContext.getRunAsUser())
              .as("%s pod runAsUser", owner)
              .isNotEqualTo(Long.valueOf(0));
          assertThat(pod.getHostNetwork()).as("%s hostNetwork", owner).isNotEqualTo(Boolean.TRUE);
          assertThat(pod.getHostPID()).as("%s hostPID", owner).isNotEqualTo(Boolean.TRUE);
          assertThat(pod.getHostIPC()).as("%s hostIPC", owner).isNotEqualTo(Boolean.TRUE);
          pod.getVolumes().forEach(v -> assertAllowedVolume(owner, v));
          containers(pod).forEach(c -> assertRestricted(owner, podContext, c));
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void platformRootFilesystemIsReadOnlyWithTmpOnEmptyDir(String name, List<HasMetadata> objects) {
    PodSpec pod = Chart.one(objects, Deployment.class).getSpec().getTemplate().getSpec();
    Container platform = pod.getContainers().get(0);

    assertThat(platform.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    String tmpVolume =
        platform.getVolumeMounts().stream()
            .filter(m -> "/tmp".equals(m.getMountPath()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted at /tmp"))
            .getName();
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals(tmpVolume))
        .singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
  }

  private static void assertRestricted(String owner, PodSecurityContext pod, Container c) {
    String where = owner + " container " + c.getName();
    SecurityContext sc = c.getSecurityContext();
    assertThat(sc).as("%s securityContext", where).isNotNull();
    assertThat(sc.getPrivileged()).as("%s privileged", where).isNotEqualTo(Boolean.TRUE);
    assertThat(sc.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", where).isFalse();
    assertThat(sc.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", where).isTrue();
    assertThat(sc.getCapabilities().getDrop()).as("%s capabilities.drop", where).contains("ALL");
    assertThat(sc.getCapabilities().getAdd()).as("%s capabilities.add", where).isEmpty();
    Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : pod.getRunAsNonRoot();
    assertThat(nonRoot).as("%s runAsNonRoot", where).isTrue();
    Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : pod.getRunAsUser();
    assertThat(user).as("%s runAsUser", where).isNotNull().isPositive();
    assertThat(sc.getRunAsUser()).as("%s container runAsUser", where).isNotEqualTo(Long.valueOf(0));
    if (sc.getSeccompProfile() != null) {
      assertThat(sc.getSeccompProfile().getType())
          .as("%s seccomp", where)
          .isEqualTo("RuntimeDefault");
    }
    assertThat(c.getPorts())
        .as("%s hostPort", where)
        .extracting(ContainerPort::getHostPort)
        .allMatch(p -> p == null || p == 0);
  }

  private static void assertAllowedVolume(String owner, Volume v) {
    assertThat(v.getHostPath()).as("%s volume %s hostPath", owner, v.getName()).isNull();
    Map<String, Object> asMap = Chart.asMap(v);
    assertThat(asMap.keySet())
        .as("%s volume %s type", owner, v.getName())
        .allMatch(k -> k.equals("name") || ALLOWED_VOLUMES.contains(k));
  }

  private static List<Container> containers(PodSpec pod) {
    List<Container> all = new ArrayList<>(pod.getContainers());
    all.addAll(pod.getInitContainers());
    pod.getEphemeralContainers().forEach(e -> all.add(Chart.convert(e, Container.class)));
    return all;
  }

  static Map<String, PodSpec> podSpecs(List<HasMetadata> objects) {
    Map<String, PodSpec> specs = new LinkedHashMap<>();
    for (HasMetadata o : objects) {
      PodSpec spec = podSpec(o);
      if (spec != null) {
        specs.put(o.getKind() + "/" + o.getMetadata().getName(), spec);
      }
    }
    return specs;
  }

  private static PodSpec podSpec(HasMetadata o) {
    if (o instanceof Deployment d) {
      return d.getSpec().getTemplate().getSpec();
    } else if (o instanceof StatefulSet s) {
      return s.getSpec().getTemplate().getSpec();
    } else if (o instanceof DaemonSet d) {
      return d.getSpec().getTemplate().getSpec();
    } else if (o instanceof ReplicaSet r) {
      return r.getSpec().getTemplate().getSpec();
    } else if (o instanceof Job j) {
      return j.getSpec().getTemplate().getSpec();
    } else if (o instanceof CronJob c) {
      return c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    } else if (o instanceof Pod p) {
      return p.getSpec();
    }
    return null;
  }
}
