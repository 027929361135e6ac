package org.capenv.audit.verify;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.capenv.audit.canonical.CanonicalScanner;
import org.capenv.audit.canonical.NonCanonicalJsonException;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.merkle.MerkleHash;

/**
 * A block of whole export lines and, once {@link #check checked}, each line's outcome of {@link
 * LogVerifier.Checked#of} (or {@code deep}) kept in flat arrays. Checking is independent of every
 * other line, so chunks are checked on several threads and then fed to the verifier in order.
 */
final class LineChunk {
  private static final byte[] SEQ = {'s', 'e', 'q'};
  private byte[] buf = new byte[0];
  private int length;
  private int lines;
  private int[] starts = new int[0];
  private long[] claimed = new long[0];
  private byte[] leaves = new byte[0];
  private String[] errors = new String[0];

  byte[] buffer(int minimum) {
    if (buf.length < minimum) {
      buf = new byte[minimum];
    }
    return buf;
  }

  byte[] grow(int capacity, int keep) {
    buf = Arrays.copyOf(buf, Math.max(capacity, keep));
    return buf;
  }

  void reset(int length) {
    this.length = length;
    this.lines = 0;
  }

  int lines() {
    return lines;
  }

  /**
   * Splits the chunk into lines and checks each one: canonical form and {@code seq} (or, when
   * {@code deep}, a full decode), and the leaf hash. Runs on a worker thread; {@code md} is that
   * thread's own digest.
   */
  void check(MessageDigest md, boolean deep) {
    if (!deep) {
      checkFast(md);
      return;
    }
    split();
    ensureCapacity(lines);
    for (int i = 0; i < lines; i++) {
      int from = starts[i];
      int to = starts[i + 1] - 1;
      hash(md, from, to, i);
      LogVerifier.Checked c = LogVerifier.Checked.deep(Arrays.copyOfRange(buf, from, to));
      record(i, c.claimedSeq(), c.error());
    }
  }

  /**
   * The fast check in one pass per line: the scan of the canonical object also finds the line's
   * end, since a canonical object holds no newline byte (none in strings, no whitespace between
   * tokens). A line is accepted only if the object is followed by its newline (or ends the chunk);
   * any other line is cut at its newline and checked on its own, which gives the exact message.
   */
  private void checkFast(MessageDigest md) {
    int count = 0;
    int from = 0;
    long[] value = new long[1];
    while (from < length) {
      ensureCapacity(count + 1);
      int to;
      try {
        to = CanonicalScanner.objectEnd(buf, from, length, SEQ, value);
      } catch (NonCanonicalJsonException e) {
        to = -1;
      }
      // a line past the most an entry may be is checked on its own too, which fails it
      if (to >= 0 && (to == length || buf[to] == '\n') && to - from <= EntryCodec.MAX_BYTES) {
        record(count, value[0], null);
      } else {
        int nl = Newlines.find(buf, from, length);
        to = nl < 0 ? length : nl;
        LogVerifier.Checked c = LogVerifier.Checked.of(Arrays.copyOfRange(buf, from, to));
        record(count, c.claimedSeq(), c.error());
      }
      hash(md, from, to, count);
      count++;
      from = to + 1;
    }
    lines = count;
  }

  /** Feeds the checked lines to {@code verifier} in order, from file position {@code first}. */
  void feed(LogVerifier verifier, long first) {
    for (int i = 0; i < lines; i++) {
      verifier.acceptLine(first + i, claimed[i], errors[i], leaves, i * MerkleHash.SIZE);
    }
  }

  private void record(int i, long seq, String error) {
    claimed[i] = seq;
    errors[i] = error;
  }

  private void hash(MessageDigest md, int from, int to, int i) {
    md.update((byte) 0x00);
    md.update(buf, from, to - from);
    try {
      md.digest(leaves, i * MerkleHash.SIZE, MerkleHash.SIZE);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest did not fit 32 bytes", e);
    }
  }

  /**
   * Line {@code i} is {@code buf[starts[i], starts[i + 1] - 1)}; a last line without a newline ends
   * at {@code length}, so {@code starts[lines]} is set to {@code length + 1} for it.
   */
  private void split() {
    int count = 0;
    int from = 0;
    int[] s = starts;
    while (from < length) {
      if (count + 2 > s.length) {
        s = Arrays.copyOf(s, Math.max(1024, s.length * 2));
      }
      s[count++] = from;
      int nl = Newlines.find(buf, from, length);
      from = nl < 0 ? length + 1 : nl + 1;
    }
    if (s.length < count + 1) {
      s = Arrays.copyOf(s, count + 1);
    }
    s[count] = from;
    starts = s;
    lines = count;
  }

  private void ensureCapacity(int n) {
    if (claimed.length < n) {
      int capacity = Math.max(n, Math.max(1024, claimed.length * 2));
      claimed = Arrays.copyOf(claimed, capacity);
      errors = Arrays.copyOf(errors, capacity);
      leaves = Arrays.copyOf(leaves, capacity * MerkleHash.SIZE);
    }
  }
}
