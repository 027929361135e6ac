package org.capenv.api.auditor.service;

import java.util.List;

/**
 * One page of entries, in sequence order.
 *
 * @param items the entries
 * @param nextAfter the cursor for the next page ({@code after}), or null on the last page
 * @param next the URL of the next page, or null on the last page
 */
public record AuditPageView(List<AuditEntryView> items, Long nextAfter, String next) {}
