package org.capenv.audit.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.MerkleHash;

/**
 * A C2SP tlog-checkpoint body: origin line, tree size in decimal, base64 root hash, each ending in
 * a newline. Extension lines are not produced; a parsed checkpoint with extension lines is refused
 * because this log never writes them.
 *
 * @param origin unique identity of the log, e.g. {@code capenv.example.police.uk/audit}
 * @param size number of leaves
 * @param rootHash RFC 9162 root hash of those leaves
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {
  private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

  public Checkpoint {
    if (origin == null || origin.isBlank() || origin.strip().length() != origin.length()) {
      throw new IllegalArgumentException("checkpoint origin must be non-blank text: " + origin);
    }
    if (origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("checkpoint origin must be one line");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size");
    }
    if (rootHash == null || rootHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("root hash must be 32 bytes");
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note text that is signed. */
  public String toText() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /** Parses checkpoint text (the part of a signed note before the signatures). */
  public static Checkpoint parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length != 4 || !lines[3].isEmpty()) {
      throw new IllegalArgumentException("checkpoint must be exactly three lines");
    }
    if (!SIZE.matcher(lines[1]).matches()) {
      throw new IllegalArgumentException("checkpoint size is not a decimal number: " + lines[1]);
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint root is not base64", e);
    }
    Checkpoint c = new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    if (!c.toText().equals(text)) {
      throw new IllegalArgumentException("checkpoint is not in canonical text form");
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && c.origin.equals(origin)
        && c.size == size
        && Arrays.equals(c.rootHash, rootHash);
  }

  @Override
  public int hashCode() {
    return origin.hashCode() * 31 + Long.hashCode(size);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", " + size + ", " + Hex.of(rootHash) + "]";
  }
}
