package org.capenv.api.auditor.service;

/**
 * The latest signed checkpoint and the key that verifies it, to be kept outside the platform.
 *
 * @param origin the log's origin line
 * @param treeSize entries the checkpoint covers
 * @param rootHash root hash (hex)
 * @param note the signed note, exactly as signed
 * @param verifierKey the verifier key in note-verifier form ({@code name+keyid+base64key})
 */
public record CheckpointView(
    String origin, long treeSize, String rootHash, String note, String verifierKey) {}
