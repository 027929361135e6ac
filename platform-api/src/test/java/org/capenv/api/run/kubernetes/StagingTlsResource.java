package org.capenv.api.run.kubernetes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.Map;

/**
 * The staging certificate of the Kubernetes profile: a throw-away self-signed certificate and key
 * in PEM files, generated at start so that no key is kept in the repository, served by the HTTPS
 * listener on a random port as a Helm install serves the mounted TLS Secret.
 */
public class StagingTlsResource implements QuarkusTestResourceLifecycleManager {
  private SelfSignedCertificate certificate;

  @Override
  public Map<String, String> start() {
    certificate = SelfSignedCertificate.create("localhost");
    return Map.of(
        "quarkus.http.ssl.certificate.files", certificate.certificatePath(),
        "quarkus.http.ssl.certificate.key-files", certificate.privateKeyPath(),
        "quarkus.http.test-ssl-port", "0");
  }

  @Override
  public void stop() {
    if (certificate != null) {
      certificate.delete();
    }
  }
}
