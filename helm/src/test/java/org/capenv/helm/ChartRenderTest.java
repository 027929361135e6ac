package org.capenv.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartRenderTest {

  @Test
  void lintPasses() {
    LintResult result = new Helm(Chart.DIR).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void rendersWithDefaultValues() {
    List<HasMetadata> objects = Chart.renderDefaults();

    assertThat(objects).extracting(HasMetadata::getKind).contains("Deployment", "Service");
    System.out.println(
        objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
  }
}
