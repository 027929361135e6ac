package org.capenv.runner.spec;

import java.util.regex.Pattern;

/**
 * Syntax rules for every name that reaches a file path, a Kubernetes object name or a label.
 *
 * <p>The patterns are allow-lists: no slash, no leading dot, so no name can be absolute or contain
 * {@code ..}, and every name is usable as a Kubernetes label value.
 */
public final class Names {
  /** Run ids: a DNS label short enough that {@code capenv-run-<id>} stays under 63 characters. */
  private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

  private static final Pattern TOOL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern VERSION =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

  /** Input and output file names: one path segment, starting with a letter or digit. */
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

  private Names() {}

  public static String runId(String value) {
    return check("run id", value, RUN_ID);
  }

  public static String tool(String value) {
    return check("tool name", value, TOOL);
  }

  public static String version(String value) {
    return check("tool version", value, VERSION);
  }

  public static String file(String what, String value) {
    return check(what, value, FILE);
  }

  public static String env(String value) {
    return check("environment variable name", value, ENV);
  }

  private static String check(String what, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidRunSpecException(
          what + " " + quote(value) + " does not match " + pattern.pattern());
    }
    return value;
  }

  static String quote(String value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
