package org.capenv.runner.stage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of a staging container given {@code --ca-file}: it trusts exactly the
 * certificates of that PEM bundle (the platform's staging CA), not the JVM's public roots, so no
 * other certificate authority can stand in for the platform. Host names are still verified by the
 * HTTP client.
 */
final class TrustedCertificates {
  private TrustedCertificates() {}

  static SSLContext context(Path pemBundle) throws StageException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pemBundle)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new StageException(StageException.IO, "cannot read --ca-file " + pemBundle, e);
    } catch (GeneralSecurityException e) {
      throw StageException.usage("--ca-file " + pemBundle + " is not a PEM certificate bundle");
    }
    if (certificates.isEmpty()) {
      throw StageException.usage("--ca-file " + pemBundle + " holds no certificate");
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("staging-ca-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new StageException(StageException.USAGE, "cannot trust --ca-file " + pemBundle, e);
    }
  }
}
