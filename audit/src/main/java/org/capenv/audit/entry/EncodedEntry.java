package org.capenv.audit.entry;

import java.nio.charset.StandardCharsets;
import org.capenv.audit.canonical.CanonicalJson;

/**
 * An entry encoded before its sequence number is known: the canonical bytes with a slot where the
 * value of the top-level member {@code seq} goes. Lets an appender encode entries outside the log's
 * head lock and only write the number in under it. {@link #bytes(long)} is byte for byte {@link
 * EntryCodec#encode(long, AuditEntry)}: a canonical integer is its decimal digits and nothing else
 * in the encoding depends on the number.
 */
public final class EncodedEntry {
  private final AuditEntry entry;
  private final byte[] head;
  private final byte[] tail;

  EncodedEntry(AuditEntry entry, CanonicalJson.Marked marked) {
    this.entry = entry;
    byte[] all = marked.utf8();
    this.head = new byte[marked.valueFrom()];
    this.tail = new byte[all.length - marked.valueTo()];
    System.arraycopy(all, 0, head, 0, head.length);
    System.arraycopy(all, marked.valueTo(), tail, 0, tail.length);
  }

  /** The entry encoded. */
  public AuditEntry entry() {
    return entry;
  }

  /**
   * The canonical bytes of the entry at sequence number {@code seq}.
   *
   * @throws IllegalArgumentException if {@code seq} is negative or beyond the exact double range
   */
  public byte[] bytes(long seq) {
    if (seq < 0 || seq > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("sequence number out of range: " + seq);
    }
    byte[] digits = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + digits.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(digits, 0, out, head.length, digits.length);
    System.arraycopy(tail, 0, out, head.length + digits.length, tail.length);
    return out;
  }
}
