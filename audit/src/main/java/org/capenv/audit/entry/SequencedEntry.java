package org.capenv.audit.entry;

/** An entry with the sequence number the log gave it (its leaf index in the Merkle tree). */
public record SequencedEntry(long seq, AuditEntry entry) {}
