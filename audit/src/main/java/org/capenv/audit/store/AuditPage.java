package org.capenv.audit.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of search results.
 *
 * @param entries matching entries in sequence order
 * @param nextAfterSeq cursor for the next page, empty when this page was the last
 */
public record AuditPage(List<StoredEntry> entries, OptionalLong nextAfterSeq) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
