package org.capenv.audit.entry;

/**
 * Why (DPA 2018 s.62(3)(a)): the stated purpose and the case or operation reference.
 *
 * @param purpose free text as stated by the user, may be null if only a reference is given
 * @param caseReference case or operation reference, searchable; may be null
 */
public record Justification(String purpose, String caseReference) {
  public Justification {
    if ((purpose == null || purpose.isBlank())
        && (caseReference == null || caseReference.isBlank())) {
      throw new IllegalArgumentException("justification needs a purpose or a case reference");
    }
  }
}
