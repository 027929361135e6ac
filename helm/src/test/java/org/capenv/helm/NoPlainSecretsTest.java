package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** No secret value in any rendered object: no Secret from values, env only via secretKeyRef. */
class NoPlainSecretsTest {

  private static final Pattern SENSITIVE_NAME =
      Pattern.compile(".*(PASSWORD|SECRET|SIGNING_KEY|PRIVATE|TOKEN|CREDENTIAL).*");

  /** The signed-note private key prefix, and PEM private keys. */
  private static final Pattern SECRET_VALUE =
      Pattern.compile("PRIVATE\\+KEY\\+|-----BEGIN .*PRIVATE KEY");

  static Stream<Arguments> renders() {
    return Stream.of(
        Arguments.of("defaults", Chart.renderDefaults()),
        Arguments.of("production", Chart.renderProduction()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void theChartCreatesNoSecret(String name, List<HasMetadata> objects) {
    assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("Secret");
    assertThat(Chart.all(objects, Secret.class)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void sensitiveEnvComesOnlyFromSecretKeyRefsThatMustExist(String name, List<HasMetadata> objects) {
    List<EnvVar> sensitive =
        containers(objects).stream()
            .flatMap(c -> c.getEnv().stream())
            .filter(e -> SENSITIVE_NAME.matcher(e.getName()).matches())
            .toList();

    assertThat(sensitive)
        .extracting(EnvVar::getName)
        .contains(
            "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_OIDC_CREDENTIALS_SECRET",
            "CAPENV_AUDIT_SIGNING_KEY");
    assertThat(sensitive)
        .allSatisfy(
            e -> {
              assertThat(e.getValue()).as("%s literal value", e.getName()).isNull();
              assertThat(e.getValueFrom().getSecretKeyRef()).as("%s", e.getName()).isNotNull();
              assertThat(e.getValueFrom().getSecretKeyRef().getOptional())
                  .as("%s optional: a missing Secret must stop the pod", e.getName())
                  .isNotEqualTo(Boolean.TRUE);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void noSecretValueInAnyLiteral(String name, List<HasMetadata> objects) {
    List<String> literals = new ArrayList<>();
    containers(objects).forEach(c -> c.getEnv().forEach(e -> literals.add(e.getValue())));
    Chart.all(objects, ConfigMap.class)
        .forEach(cm -> literals.addAll(cm.getData() == null ? List.of() : cm.getData().values()));
    objects.forEach(o -> literals.addAll(annotations(o)));

    assertThat(literals).filteredOn(v -> v != null && SECRET_VALUE.matcher(v).find()).isEmpty();
  }

  private static List<String> annotations(HasMetadata o) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a == null ? List.of() : List.copyOf(a.values());
  }

  private static List<Container> containers(List<HasMetadata> objects) {
    List<Container> all = new ArrayList<>();
    for (PodSpec pod : PodSecurityTest.podSpecs(objects).values()) {
      all.addAll(pod.getContainers());
      all.addAll(pod.getInitContainers());
    }
    return all;
  }
}
