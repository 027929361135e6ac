package org.capenv.runner;

/**
 * Whether a backend can run tools here, and if not, why and how to fix it.
 *
 * @param available true only when every isolation mechanism the backend relies on is present
 * @param detail what was checked, or what is missing and how to install or configure it
 */
public record Availability(boolean available, String detail) {
  public static Availability yes(String detail) {
    return new Availability(true, detail);
  }

  public static Availability no(String detail) {
    return new Availability(false, detail);
  }
}
