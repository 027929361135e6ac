package org.capenv.api.auditor.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Optional;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.InclusionProof;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.merkle.ProofVerifier;
import org.capenv.audit.note.Checkpoint;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.AuditStoreException;
import org.capenv.audit.store.PostgresAuditStore;
import org.jboss.logging.Logger;

/**
 * Inclusion proofs against the latest signed checkpoint. When no signed checkpoint covers an entry
 * yet, one is signed on demand (docs/adr/0075): the store serialises signing and refuses a
 * checkpoint inconsistent with an earlier one, and a checkpoint is only signed when the log has
 * grown past the latest, so requests cannot multiply checkpoints.
 */
@ApplicationScoped
public class InclusionProofs {
  private static final Logger LOG = Logger.getLogger(InclusionProofs.class);

  @Inject PostgresAuditStore store;
  @Inject AuditEntries entries;

  /** The inclusion proof of entry {@code seq}, checked by the platform's own verifier. */
  public ProofView proof(long seq) {
    AuditEntryDetail detail =
        entries.detail(seq).orElseThrow(() -> AuditorProblems.entryNotFound(seq, store.size()));
    SignedCheckpoint signed = covering(seq);
    Checkpoint cp = signed.checkpoint();
    InclusionProof proof = store.inclusionProof(seq, cp.size());
    byte[] leaf = MerkleHash.leafHash(Base64.getDecoder().decode(detail.canonical()));
    boolean verified;
    String result;
    try {
      NoteVerifier.parse(store.verifierKey()).verify(signed.note());
      ProofVerifier.verifyInclusion(seq, cp.size(), leaf, proof.hashes(), cp.rootHash());
      verified = true;
      result =
          "Entry "
              + seq
              + " is included in the signed tree of "
              + cp.size()
              + " entries; the checkpoint signature verifies.";
    } catch (ProofException e) {
      verified = false;
      result = e.getMessage();
    }
    return new ProofView(
        seq,
        cp.size(),
        Hex.of(leaf),
        proof.hashes().stream().map(Hex::of).toList(),
        Hex.of(cp.rootHash()),
        signed.note(),
        store.verifierKey(),
        verified,
        result);
  }

  /** The latest signed checkpoint, signing the first one if the log has none yet. */
  public CheckpointView latest() {
    SignedCheckpoint signed = store.latestCheckpoint().orElseGet(this::signNow);
    Checkpoint cp = signed.checkpoint();
    return new CheckpointView(
        cp.origin(), cp.size(), Hex.of(cp.rootHash()), signed.note(), store.verifierKey());
  }

  /** The log's verifier key in note-verifier form. */
  public String verifierKey() {
    return store.verifierKey();
  }

  /** A checkpoint that covers every entry now in the log (signed now if the log has grown). */
  public SignedCheckpoint current() {
    return signNow();
  }

  private SignedCheckpoint covering(long seq) {
    Optional<SignedCheckpoint> latest = store.latestCheckpoint();
    if (latest.isPresent() && latest.get().checkpoint().size() > seq) {
      return latest.get();
    }
    long signedSize = latest.map(s -> s.checkpoint().size()).orElse(0L);
    try {
      SignedCheckpoint fresh = store.checkpoint();
      if (fresh.checkpoint().size() > seq) {
        return fresh;
      }
    } catch (AuditStoreException e) {
      LOG.warnf("could not sign a checkpoint on demand: %s", e.getMessage());
    }
    throw AuditorProblems.notCheckpointed(seq, signedSize);
  }

  private SignedCheckpoint signNow() {
    try {
      return store.checkpoint();
    } catch (AuditStoreException e) {
      LOG.warnf("could not sign a checkpoint on demand: %s", e.getMessage());
      throw AuditorProblems.auditUnavailable("signing of a checkpoint");
    }
  }
}
