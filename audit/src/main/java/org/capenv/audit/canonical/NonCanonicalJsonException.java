package org.capenv.audit.canonical;

/** The bytes are not JSON in RFC 8785 canonical form; the message gives the byte offset. */
public final class NonCanonicalJsonException extends Exception {
  private final int offset;

  public NonCanonicalJsonException(String message, int offset) {
    super(message + " at byte " + offset);
    this.offset = offset;
  }

  /** Byte offset in the input where the problem was found. */
  public int offset() {
    return offset;
  }
}
