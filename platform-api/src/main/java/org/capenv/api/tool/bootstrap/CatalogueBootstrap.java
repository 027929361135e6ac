package org.capenv.api.tool.bootstrap;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.capenv.api.audit.service.AuditLogProducer;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.config.PlatformConfig;
import org.capenv.api.tool.persistence.ToolVersionEntity;
import org.capenv.api.tool.persistence.ToolVersionRepository;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Actor;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.catalog.lifecycle.VersionState;
import org.capenv.catalog.manifest.ManifestDirectory;
import org.capenv.catalog.manifest.ManifestParser;
import org.capenv.catalog.manifest.ManifestValidationException;
import org.capenv.catalog.manifest.ToolManifest;
import org.jboss.logging.Logger;

/**
 * Imports the manifests of {@code capenv.catalog.dir} as APPROVED at start, for local use and
 * demos, without the review a real deployment requires. Each import is an audit entry by {@code
 * system:bootstrap} that says so ({@code bootstrap=true}), so the log never shows an unexplained
 * approval. A production start with {@code capenv.catalog.bootstrap-approve=true} is refused.
 */
@ApplicationScoped
public class CatalogueBootstrap {
  static final String SUBJECT = "system:bootstrap";
  private static final Logger LOG = Logger.getLogger(CatalogueBootstrap.class);

  @Inject PlatformConfig config;
  @Inject ToolVersionRepository versions;
  @Inject AuditRecorder audit;

  void onStart(@Observes @Priority(10) StartupEvent event)
      throws IOException, ManifestValidationException {
    Optional<Path> dir = config.catalog().dir();
    if (!config.catalog().bootstrapApprove()) {
      return;
    }
    if (!AuditLogProducer.localKeyAllowed()) {
      throw new IllegalStateException(
          "refusing to start: capenv.catalog.bootstrap-approve=true would approve tools without"
              + " review; it is for local use only");
    }
    if (dir.isEmpty()) {
      return;
    }
    List<ToolManifest> manifests = ManifestDirectory.load(dir.get(), new ManifestParser());
    List<String> imported = importApproved(manifests);
    LOG.infof(
        "catalogue bootstrap: %d of %d manifests imported as approved",
        imported.size(), manifests.size());
  }

  /** Imports the manifests not yet in the catalogue; returns their coordinates. */
  @Transactional
  List<String> importApproved(List<ToolManifest> manifests) {
    List<String> imported = new ArrayList<>();
    List<AuditEntry> entries = new ArrayList<>();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    for (ToolManifest manifest : manifests) {
      Optional<ToolVersionEntity> existing = versions.find(manifest.name(), manifest.version());
      if (existing.isPresent()) {
        if (!existing.get().manifestDigest.equals(manifest.digest())) {
          LOG.warnf(
              "catalogue bootstrap: %s differs from the stored version, which is kept (a change is"
                  + " a new version)",
              manifest.coordinates());
        }
        continue;
      }
      ToolVersionEntity entity = new ToolVersionEntity();
      entity.name = manifest.name();
      entity.version = manifest.version();
      entity.state = VersionState.APPROVED;
      entity.reviewRound = 0;
      // the parsed document as JSON: a YAML reader reads it back to the same digest
      entity.manifest = manifest.document().toString();
      entity.manifestDigest = manifest.digest();
      entity.summary = manifest.summary();
      entity.submitterSubject = SUBJECT;
      entity.submitterUsername = "bootstrap";
      entity.stateReason = "imported without review by the local bootstrap";
      entity.createdAt = now;
      entity.updatedAt = now;
      versions.persist(entity);
      imported.add(manifest.coordinates());
      entries.add(
          audit
              .entry(Action.TOOL_VERSION_APPROVED, Actor.system("bootstrap"))
              .target("tool-version", manifest.coordinates())
              .tool(manifest.name(), manifest.version(), manifest.image())
              .detail("bootstrap", "true")
              .detail("manifestDigest", manifest.digest())
              .build());
    }
    if (!entries.isEmpty()) {
      audit.append(entries);
    }
    return imported;
  }
}
