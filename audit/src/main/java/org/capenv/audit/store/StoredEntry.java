package org.capenv.audit.store;

import org.capenv.audit.entry.AuditEntry;

/**
 * An entry as stored: decoded from its canonical bytes (which are authoritative), with its leaf
 * hash.
 */
public record StoredEntry(long seq, AuditEntry entry, byte[] leafHash) {}
