package org.capenv.api.auditor.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.security.CallerIdentity;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.AuditPage;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;

/**
 * Streams a filtered selection of the log, page by page through the reader, so memory stays
 * constant whatever the size. The selection is bounded by a signed checkpoint taken when the export
 * starts: every exported entry is covered by it, and an unfiltered JSON Lines export is exactly the
 * prefix that checkpoint signs, verifiable offline with {@code capenv-audit verify --file}.
 *
 * <p>An export is a disclosure: it is recorded (who, to whom, the filters, the bound and the count)
 * before the first byte is sent, and no byte is sent if that record fails.
 */
@ApplicationScoped
public class AuditExporter {
  private static final int PAGE = AuditQuery.MAX_LIMIT;

  @Inject PostgresAuditStore store;
  @Inject InclusionProofs proofs;
  @Inject AuditRecorder recorder;

  /**
   * A prepared export.
   *
   * @param body the response body, streamed when written
   * @param format the format
   * @param checkpoint the signed checkpoint that bounds and covers the selection
   * @param count the number of entries the body holds
   * @param fileName the suggested file name
   */
  public record Export(
      StreamingOutput body,
      ExportFormat format,
      SignedCheckpoint checkpoint,
      long count,
      String fileName) {}

  /** Records the disclosure and returns the export; a 503 problem if it cannot be recorded. */
  public Export export(
      CallerIdentity caller, AuditFilter filter, ExportFormat format, String recipient) {
    SignedCheckpoint checkpoint = proofs.current();
    long bound = checkpoint.checkpoint().size();
    long[] count = {0};
    forEach(filter, bound, e -> count[0]++);
    AuditEntry.Builder record =
        recorder
            .entry(Action.AUDIT_EXPORTED, caller)
            .target("audit-log", checkpoint.checkpoint().origin())
            .recipient(recipient == null ? AuditRecorder.actor(caller).subject() : recipient)
            .detail("format", format.extension())
            .detail("treeSize", Long.toString(bound))
            .detail("count", Long.toString(count[0]));
    filter.asParameters().forEach((k, v) -> record.detail("filter." + k, v));
    try {
      recorder.appendDurable(List.of(record.build()));
    } catch (RuntimeException e) {
      throw AuditorProblems.auditUnavailable("export");
    }
    StreamingOutput body =
        out -> {
          OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
          if (format == ExportFormat.CSV) {
            buffered.write(CsvRows.header().getBytes(StandardCharsets.UTF_8));
          }
          forEach(filter, bound, e -> write(buffered, format, e));
          buffered.flush();
        };
    String name = "capenv-audit-" + bound + (filter.equals(AuditFilter.NONE) ? "" : "-filtered");
    return new Export(body, format, checkpoint, count[0], name + "." + format.extension());
  }

  private static void write(OutputStream out, ExportFormat format, StoredEntry e)
      throws IOException {
    if (format == ExportFormat.JSONL) {
      out.write(EntryCodec.encode(e.seq(), e.entry()));
      out.write('\n');
    } else {
      out.write(CsvRows.row(e).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Visits the matching entries below {@code bound} in sequence order, one page at a time. */
  private void forEach(AuditFilter filter, long bound, EntrySink sink) {
    long after = -1;
    while (true) {
      AuditPage page = store.search(filter.query(after, PAGE));
      for (StoredEntry e : page.entries()) {
        if (e.seq() >= bound) {
          return;
        }
        try {
          sink.accept(e);
        } catch (IOException ex) {
          throw new ExportInterrupted(ex);
        }
      }
      if (page.nextAfterSeq().isEmpty()) {
        return;
      }
      after = page.nextAfterSeq().getAsLong();
    }
  }

  @FunctionalInterface
  private interface EntrySink {
    void accept(StoredEntry e) throws IOException;
  }

  /** The client went away or the connection broke while streaming. */
  static final class ExportInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExportInterrupted(IOException cause) {
      super("export stream interrupted", cause);
    }
  }
}
