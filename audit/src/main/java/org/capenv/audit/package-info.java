/**
 * Tamper-evident audit log: entries, canonical encoding, RFC 9162 Merkle log, signed checkpoints.
 */
package org.capenv.audit;
