package org.capenv.audit.store;

/**
 * The audit store could not do what was asked (database unavailable, refused, or found
 * inconsistent). Callers must fail closed: an action whose audit append failed must not happen.
 */
public class AuditStoreException extends RuntimeException {
  public AuditStoreException(String message) {
    super(message);
  }

  public AuditStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
