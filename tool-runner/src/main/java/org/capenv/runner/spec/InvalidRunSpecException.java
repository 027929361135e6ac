package org.capenv.runner.spec;

/** A run specification or argv template that breaks a rule; the message names the field. */
public final class InvalidRunSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRunSpecException(String message) {
    super(message);
  }
}
