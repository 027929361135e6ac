package org.capenv.audit.store;

/**
 * A checkpoint row as stored, before its signature is checked.
 *
 * @param treeSize tree size column
 * @param rootHash root hash column
 * @param note the signed note as stored
 */
public record StoredCheckpoint(long treeSize, byte[] rootHash, String note) {}
