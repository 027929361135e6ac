package org.capenv.api.auditor.service;

/**
 * An entry with the exact bytes its leaf hash covers, so that a reader can recompute the hash.
 *
 * @param entry the entry
 * @param canonical the canonical bytes (base64), exactly as stored and hashed
 * @param leafHashMatches whether {@code SHA-256(0x00 || canonical)} equals the stored leaf hash
 */
public record AuditEntryDetail(AuditEntryView entry, String canonical, boolean leafHashMatches) {}
