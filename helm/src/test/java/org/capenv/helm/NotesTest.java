package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NOTES.txt, rendered by a client-only dry-run install, tells the operator what to do next. */
class NotesTest {

  private static String notes(List<Path> valuesFiles) {
    InstallCommand install =
        new Helm(Chart.DIR)
            .install()
            .withName(Chart.RELEASE)
            .withNamespace(Chart.NAMESPACE)
            .dryRun()
            .clientOnly();
    valuesFiles.forEach(install::withValuesFile);
    String output = install.call().getOutput();
    return output.substring(output.indexOf("NOTES:"));
  }

  @Test
  void defaultsWarnOfThePlaceholderImageAndTheMissingPolicies() {
    String notes = notes(List.of());

    assertThat(notes)
        .contains("still the chart's placeholder digest")
        .contains("every run is denied")
        .contains("create secret generic capenv-audit-signing-key")
        .contains("port-forward service/capenv")
        .contains("\"runner.kubernetes.stagerImage\" is still the chart's placeholder digest")
        .contains("capenv-staging-tls (type kubernetes.io/tls")
        .contains("capenv-staging.capenv.svc")
        .contains("fixed ClusterIP 10.96.0.20")
        .contains("No staging CA is set");
  }

  @Test
  void productionNamesItsSecretsAndItsUrlWithoutWarnings() {
    String notes = notes(List.of(Chart.productionValues()));

    assertThat(notes)
        .doesNotContain("placeholder digest")
        .doesNotContain("every run is denied")
        .doesNotContain("Tracing is off")
        .contains("capenv-audit-signing-key (key \"signing-key\")")
        .contains("capenv-db-app (keys \"username\", \"password\")")
        .contains("capenv-oidc-client (key \"client-secret\")")
        .contains("https://capenv.norfolk.police.uk/")
        .contains("fixed ClusterIP 10.43.0.20")
        .contains("ConfigMap \"capenv-staging-ca\" (key ca.crt) of namespace \"capenv-tools\"");
  }
}
