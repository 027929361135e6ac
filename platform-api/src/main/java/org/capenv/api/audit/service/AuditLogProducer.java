package org.capenv.api.audit.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.capenv.api.config.AuditConfig;
import org.capenv.api.config.PlatformConfig;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SigningKeys;
import org.capenv.audit.store.PostgresAuditStore;

/**
 * Wires the audit module's PostgreSQL store into the application: one store per process, sharing
 * the application's data source, signing checkpoints with the configured key.
 */
@ApplicationScoped
public class AuditLogProducer {

  /**
   * A signing key may be generated into the state folder only outside production: in the {@code
   * local} profile ({@code ./capenv up}) and in tests. Production refuses to start without one.
   */
  public static boolean localKeyAllowed() {
    return LaunchMode.current() != LaunchMode.NORMAL || ConfigUtils.getProfiles().contains("local");
  }

  @Produces
  @Singleton
  NoteSigner signer(AuditConfig audit, PlatformConfig platform) {
    try {
      return SigningKeys.resolve(
          audit.signingKey(), platform.stateDir(), audit.origin(), localKeyAllowed());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the local audit signing key", e);
    }
  }

  @Produces
  @Singleton
  PostgresAuditStore store(AgroalDataSource dataSource, AuditConfig audit, NoteSigner signer) {
    return new PostgresAuditStore(dataSource, audit.origin(), signer);
  }

  void close(@Disposes PostgresAuditStore store) {
    store.close();
  }
}
