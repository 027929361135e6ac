package org.capenv.policy;

import java.util.List;

/**
 * A policy bundle could not be loaded. The message lists every problem found, one per line, each
 * naming the file, the rule and (for a condition that does not compile) the CEL error.
 */
public final class PolicyLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public PolicyLoadException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems found, one entry per file/rule, in load order. */
  public List<String> problems() {
    return problems;
  }
}
