package org.capenv.audit.store;

/**
 * An entry row as stored, not yet checked: the verifier recomputes everything from {@code entry}
 * and compares with the stored hashes. From an export file only {@code seq} (the line's position)
 * and {@code entry} are known; the hashes are null.
 *
 * @param seq the row's sequence number (or line position in a file)
 * @param entry canonical entry bytes
 * @param leafHash stored leaf hash, or null
 * @param subtreeHashes stored completed-subtree hashes, or null
 */
public record RawEntry(long seq, byte[] entry, byte[] leafHash, byte[] subtreeHashes) {}
