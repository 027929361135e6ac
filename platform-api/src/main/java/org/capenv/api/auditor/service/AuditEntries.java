package org.capenv.api.auditor.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongFunction;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.store.AuditPage;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;

/**
 * Reads entries from the log and turns them into views. No authorisation and no recording here:
 * callers ({@link AuditorService}, {@link ActivityService}) decide who may read what.
 */
@ApplicationScoped
public class AuditEntries {
  @Inject PostgresAuditStore store;
  @Inject ObjectMapper json;

  /**
   * One page of entries matching {@code query}.
   *
   * @param nextLink the URL of the page after a given sequence number
   */
  public AuditPageView page(AuditQuery query, LongFunction<String> nextLink) {
    AuditPage page = store.search(query);
    Long next = page.nextAfterSeq().isPresent() ? page.nextAfterSeq().getAsLong() : null;
    return new AuditPageView(
        page.entries().stream().map(this::view).toList(),
        next,
        next == null ? null : nextLink.apply(next));
  }

  /** One entry with its canonical bytes, or empty beyond the end of the log. */
  public Optional<AuditEntryDetail> detail(long seq) {
    return store
        .get(seq)
        .map(
            stored -> {
              byte[] canonical = EntryCodec.encode(stored.seq(), stored.entry());
              boolean matches =
                  MessageDigest.isEqual(MerkleHash.leafHash(canonical), stored.leafHash());
              return new AuditEntryDetail(
                  view(stored, canonical), Base64.getEncoder().encodeToString(canonical), matches);
            });
  }

  /** The number of entries in the log. */
  public long size() {
    return store.size();
  }

  AuditEntryView view(StoredEntry stored) {
    return view(stored, EntryCodec.encode(stored.seq(), stored.entry()));
  }

  /**
   * The decoding is strict, so encoding the decoded entry again gives back exactly the stored bytes
   * (checked against the stored leaf hash in {@link #detail}).
   */
  private AuditEntryView view(StoredEntry stored, byte[] canonical) {
    try {
      return AuditEntryView.of(
          stored.seq(), stored.entry(), Hex.of(stored.leafHash()), json.readTree(canonical));
    } catch (IOException e) {
      throw new UncheckedIOException("canonical entry is not JSON", e);
    }
  }
}
