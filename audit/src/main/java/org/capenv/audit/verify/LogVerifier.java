package org.capenv.audit.verify;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.capenv.audit.canonical.CanonicalScanner;
import org.capenv.audit.canonical.NonCanonicalJsonException;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.entry.InvalidEntryException;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.RawEntry;
import org.capenv.audit.store.StoredCheckpoint;
import org.capenv.audit.verify.VerificationResult.Failure;

/**
 * Verifies a whole log, streamed in sequence order, against a trusted checkpoint: re-encodes and
 * re-hashes every entry, rebuilds the tree, checks the stored hashes where there are any, checks
 * every stored checkpoint's signature and that the rebuilt tree reproduces its root (which also
 * proves each one consistent with the trusted checkpoint, since all are roots of the one rebuilt
 * tree), and names the first bad sequence number.
 *
 * <p>Use: construct, {@link #accept} every row in order, then {@link #finish}.
 */
public final class LogVerifier {
  private final SignedCheckpoint trusted;
  private final TreeMap<Long, byte[]> signedRoots = new TreeMap<>();
  private final List<Failure> failures = new ArrayList<>();
  private final Map<Long, String> badCheckpoints = new TreeMap<>();
  private final TreeBuilder tree = new TreeBuilder();
  private long expected;
  private long rows;
  private long provenSize;

  /** The smallest signed tree size still ahead, so that most entries skip the map lookup. */
  private long nextSignedSize;

  private int matched;
  private boolean stopped;

  /**
   * @param key the log's verifier key
   * @param trustedNote a checkpoint the auditor holds independently (e.g. published or fetched
   *     earlier); it must verify with {@code key}
   * @param stored the checkpoints stored with the log (may be empty for a bare export file)
   * @throws ProofException if the trusted checkpoint itself does not verify
   */
  public LogVerifier(NoteVerifier key, String trustedNote, List<StoredCheckpoint> stored)
      throws ProofException {
    this.trusted = SignedCheckpoint.verify(trustedNote, key);
    String origin = trusted.checkpoint().origin();
    signedRoots.put(trusted.checkpoint().size(), trusted.checkpoint().rootHash());
    for (StoredCheckpoint row : stored) {
      SignedCheckpoint sc;
      try {
        sc = SignedCheckpoint.verify(row.note(), key);
      } catch (ProofException e) {
        badCheckpoints.put(
            row.treeSize(), "stored checkpoint " + row.treeSize() + ": " + e.getMessage());
        continue;
      }
      long size = sc.checkpoint().size();
      byte[] root = sc.checkpoint().rootHash();
      if (!sc.checkpoint().origin().equals(origin)) {
        badCheckpoints.put(
            size,
            "stored checkpoint "
                + size
                + " has origin "
                + sc.checkpoint().origin()
                + ", expected "
                + origin);
      } else if (size != row.treeSize()
          || (row.rootHash() != null && !MessageDigest.isEqual(root, row.rootHash()))) {
        badCheckpoints.put(
            row.treeSize(),
            "stored checkpoint row "
                + row.treeSize()
                + " does not match its signed note (size "
                + size
                + ")");
      } else if (signedRoots.containsKey(size)
          && !MessageDigest.isEqual(signedRoots.get(size), root)) {
        badCheckpoints.put(
            size,
            "two different roots were signed for tree size "
                + size
                + ": "
                + Hex.of(signedRoots.get(size))
                + " and "
                + Hex.of(root));
      } else {
        signedRoots.put(size, root);
      }
    }
    nextSignedSize = nextSignedSizeAfter(0);
  }

  private long nextSignedSizeAfter(long size) {
    Long next = signedRoots.higherKey(size);
    return next == null ? -1 : next;
  }

  /** The trusted checkpoint, verified. */
  public SignedCheckpoint trusted() {
    return trusted;
  }

  /**
   * The per-entry work that does not depend on other entries (decoding, re-encoding, leaf hash),
   * separated so that it can run in parallel ahead of the in-order tree work.
   *
   * @param claimedSeq the sequence number inside the entry bytes, or -1 if they are invalid
   * @param leaf the leaf hash of the bytes
   * @param error why the bytes are not a valid canonical entry, or null
   */
  public record Checked(long claimedSeq, byte[] leaf, String error) {
    /**
     * Fast check: the bytes are canonical JSON (RFC 8785 subset) and carry an integer {@code seq};
     * the leaf hash covers them. Enough for integrity, since the hash binds the exact bytes.
     */
    public static Checked of(byte[] entry) {
      byte[] leaf = MerkleHash.leafHash(entry);
      if (entry.length > EntryCodec.MAX_BYTES) {
        return new Checked(-1, leaf, EntryCodec.TOO_LONG);
      }
      try {
        return new Checked(CanonicalScanner.topLevelInteger(entry, "seq"), leaf, null);
      } catch (NonCanonicalJsonException e) {
        return new Checked(-1, leaf, e.getMessage());
      }
    }

    /** Deep check: additionally decodes the entry against the format v1 schema. */
    public static Checked deep(byte[] entry) {
      byte[] leaf = MerkleHash.leafHash(entry);
      try {
        return new Checked(EntryCodec.decode(entry).seq(), leaf, null);
      } catch (InvalidEntryException e) {
        return new Checked(-1, leaf, e.getMessage());
      }
    }
  }

  /** Feeds the next row; rows must come in the order they are stored or exported. */
  public void accept(RawEntry row) {
    accept(row, Checked.of(row.entry()));
  }

  /** Feeds the next row with its entry already checked by {@link Checked#of}. */
  public void accept(RawEntry row, Checked checked) {
    accept(
        row.seq(),
        checked.claimedSeq(),
        checked.error(),
        checked.leaf(),
        0,
        row.leafHash(),
        row.subtreeHashes());
  }

  /**
   * Feeds the next line of an export (no stored hashes): the outcome of {@link Checked#of} given as
   * its parts, with the leaf hash at {@code leaves[offset, offset + 32)}.
   */
  void acceptLine(long position, long claimedSeq, String error, byte[] leaves, int offset) {
    accept(position, claimedSeq, error, leaves, offset, null, null);
  }

  private void accept(
      long rowSeq,
      long claimed,
      String error,
      byte[] leaves,
      int offset,
      byte[] storedLeaf,
      byte[] storedSubtrees) {
    rows++;
    if (stopped) {
      return;
    }
    long seq = expected;
    if (rowSeq != seq) {
      fail(
          Math.min(seq, rowSeq),
          rowSeq > seq
              ? "entry " + seq + " is missing (the next stored entry is " + rowSeq + ")"
              : "entry " + rowSeq + " appears again after entry " + (seq - 1));
      return;
    }
    if (error != null) {
      fail(seq, "entry " + seq + " is not a valid canonical entry: " + error);
      return;
    }
    if (claimed != seq) {
      fail(
          Math.min(seq, claimed),
          "position " + seq + " holds the entry of sequence number " + claimed);
      return;
    }
    if (storedLeaf != null
        && !Arrays.equals(
            leaves, offset, offset + MerkleHash.SIZE, storedLeaf, 0, storedLeaf.length)) {
      fail(
          seq,
          "entry "
              + seq
              + ": leaf hash of its bytes is "
              + Hex.of(Arrays.copyOfRange(leaves, offset, offset + MerkleHash.SIZE))
              + ", stored "
              + Hex.of(storedLeaf));
      return;
    }
    tree.append(leaves, offset);
    if (storedSubtrees != null && !tree.completedEquals(storedSubtrees)) {
      fail(
          seq,
          "entry "
              + seq
              + ": subtree hashes recomputed "
              + Hex.of(tree.completed())
              + ", stored "
              + Hex.of(storedSubtrees));
      return;
    }
    expected++;
    if (expected == nextSignedSize) {
      byte[] signed = signedRoots.get(expected);
      nextSignedSize = nextSignedSizeAfter(expected);
      byte[] root = tree.root();
      if (MessageDigest.isEqual(root, signed)) {
        provenSize = expected;
        matched++;
      } else {
        fail(
            provenSize,
            "entries "
                + provenSize
                + " to "
                + (expected - 1)
                + " do not reproduce the signed checkpoint of size "
                + expected
                + ": expected root "
                + Hex.of(signed)
                + ", computed "
                + Hex.of(root)
                + " (entries below "
                + provenSize
                + " are proven by an earlier checkpoint)");
      }
    }
  }

  /** Completes verification after the last row. */
  public VerificationResult finish() {
    long trustedSize = trusted.checkpoint().size();
    if (!stopped && expected < trustedSize) {
      fail(
          expected,
          "the log ends at "
              + expected
              + " entries but the trusted checkpoint covers "
              + trustedSize
              + ": entries "
              + expected
              + " to "
              + (trustedSize - 1)
              + " are missing");
    }
    if (!stopped) {
      Long beyond = signedRoots.higherKey(expected);
      if (beyond != null) {
        fail(
            expected,
            "a signed checkpoint covers " + beyond + " entries but the log ends at " + expected);
      }
    }
    for (Map.Entry<Long, String> bad : badCheckpoints.entrySet()) {
      Long before = signedRoots.floorKey(bad.getKey());
      long from = before == null || before > provenSize ? provenSize : before;
      failures.add(new Failure(Math.min(from, bad.getKey()), bad.getValue()));
    }
    Optional<Failure> first = failures.stream().min(Comparator.comparingLong(Failure::seq));
    return new VerificationResult(rows, matched, provenSize, first);
  }

  private void fail(long seq, String reason) {
    failures.add(new Failure(seq, reason));
    stopped = true;
  }
}
