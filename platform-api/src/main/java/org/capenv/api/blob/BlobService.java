package org.capenv.api.blob;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.common.ProblemException;
import org.capenv.api.security.CallerIdentity;
import org.capenv.audit.entry.Action;

/** Collects uploaded files: stored by content, recorded per force, audited as a collection. */
@ApplicationScoped
public class BlobService {
  static final URI TOO_LARGE = URI.create("https://capenv.org/problems/upload-too-large");
  static final URI NO_FORCE = URI.create("https://capenv.org/problems/no-force");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}");

  @Inject BlobStore store;
  @Inject BlobConfig config;
  @Inject AuditRecorder audit;

  /**
   * Streams an upload into the store and records it. The record and its {@code data.collected}
   * entry commit together; an upload over the limit leaves nothing behind.
   */
  public BlobView upload(CallerIdentity caller, InputStream content, String contentType)
      throws IOException {
    String force =
        caller
            .force()
            .orElseThrow(
                () ->
                    new ProblemException(
                        Status.FORBIDDEN,
                        NO_FORCE,
                        "No force",
                        "Your token names no force: data cannot be collected for nobody."));
    String mediaType = mediaType(contentType);
    long max = config.maxSize().asLongValue();
    BlobStore.StoredBlob stored;
    try {
      stored = store.put(content, max);
    } catch (BlobStore.BlobTooLargeException e) {
      throw new ProblemException(
          Status.REQUEST_ENTITY_TOO_LARGE,
          TOO_LARGE,
          "Upload too large",
          "The upload is larger than the " + max + " bytes accepted.");
    }
    return record(caller, force, stored, mediaType);
  }

  @Transactional
  @WithSpan("capenv.blob.record")
  BlobView record(
      CallerIdentity caller, String force, BlobStore.StoredBlob stored, String mediaType) {
    BlobEntity blob = new BlobEntity();
    blob.sha256 = stored.sha256();
    blob.sizeBytes = stored.size();
    blob.mediaType = mediaType;
    blob.force = force;
    blob.uploaderSubject = caller.subject();
    blob.uploaderUsername = caller.username();
    blob.clientId = caller.isClient() ? caller.clientId().orElse(null) : null;
    blob.source = BlobEntity.UPLOAD;
    blob.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    blob.persist();
    audit.append(
        List.of(
            audit
                .entry(Action.DATA_COLLECTED, caller)
                .target("blob", stored.sha256())
                .detail("sha256", stored.sha256())
                .detail("size", Long.toString(stored.size()))
                .detail("mediaType", mediaType)
                .detail("force", force)
                .build()));
    return new BlobView(stored.sha256(), stored.size(), mediaType);
  }

  /** The declared media type without parameters, or octet-stream when absent or malformed. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "application/octet-stream";
    }
    String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return MEDIA_TYPE.matcher(bare).matches() ? bare : "application/octet-stream";
  }
}
