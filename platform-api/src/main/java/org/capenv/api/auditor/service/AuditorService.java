package org.capenv.api.auditor.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.LongFunction;
import org.capenv.api.audit.service.AuditRecorder;
import org.capenv.api.security.CallerIdentity;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;

/**
 * Auditors' consultation of the log. The log holds personal data (who did what, on which case), so
 * each search and each entry read is itself recorded as {@code audit.queried} before the result is
 * returned; if that record cannot be made, nothing is returned (docs/adr/0076).
 */
@ApplicationScoped
public class AuditorService {
  @Inject AuditEntries entries;
  @Inject AuditRecorder recorder;

  /** A page of entries matching {@code filter}, recorded as a consultation. */
  public AuditPageView search(
      CallerIdentity caller,
      AuditFilter filter,
      long after,
      int limit,
      LongFunction<String> nextLink) {
    AuditPageView page = entries.page(filter.query(after, limit), nextLink);
    AuditEntry.Builder record = recorder.entry(Action.AUDIT_QUERIED, caller);
    filter.asParameters().forEach((k, v) -> record.detail("filter." + k, v));
    record
        .detail("after", Long.toString(after))
        .detail("limit", Integer.toString(limit))
        .detail("returned", Integer.toString(page.items().size()));
    record(record.build(), "search");
    return page;
  }

  /** One entry in full, recorded as a consultation; a 404 problem beyond the end of the log. */
  public AuditEntryDetail entry(CallerIdentity caller, long seq) {
    AuditEntryDetail detail =
        entries.detail(seq).orElseThrow(() -> AuditorProblems.entryNotFound(seq, entries.size()));
    record(
        recorder
            .entry(Action.AUDIT_QUERIED, caller)
            .target("audit-entry", Long.toString(seq))
            .build(),
        "read of the entry");
    return detail;
  }

  private void record(AuditEntry entry, String what) {
    try {
      recorder.appendDurable(List.of(entry));
    } catch (RuntimeException e) {
      throw AuditorProblems.auditUnavailable(what);
    }
  }
}
