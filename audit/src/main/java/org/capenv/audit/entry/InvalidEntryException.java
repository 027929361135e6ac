package org.capenv.audit.entry;

/** Bytes that are not the canonical encoding of a valid entry. */
public final class InvalidEntryException extends Exception {
  public InvalidEntryException(String message) {
    super(message);
  }

  public InvalidEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
