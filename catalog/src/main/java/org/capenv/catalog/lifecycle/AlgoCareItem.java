package org.capenv.catalog.lifecycle;

/**
 * The ALGO-CARE questions (Oswald, Grace, Urwin and Barnes, 2018), adopted by the National Police
 * Chiefs' Council as a guide to decisions about algorithmic tools in policing. Each sign-off
 * answers every one of them.
 */
public enum AlgoCareItem {
  /** Is the output advisory, leaving the decision to a person? */
  ADVISORY,
  /** Is the purpose lawful, and the use necessary and proportionate? */
  LAWFUL,
  /** Is the data granular and complete enough for the purpose? */
  GRANULARITY,
  /** Who owns the tool, the data and the outputs, and who maintains them? */
  OWNERSHIP,
  /** Can the use and its outputs be challenged, and is there oversight? */
  CHALLENGEABLE,
  /** Is it accurate enough, with known error rates and bias tested? */
  ACCURACY,
  /** Is it used responsibly, fairly and with regard to equality? */
  RESPONSIBLE,
  /** Can its working and its outputs be explained to those affected and to a court? */
  EXPLAINABLE
}
