package org.capenv.policy;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating a policy bundle for one request: what the audit log records as the
 * reason a run was allowed or denied.
 *
 * @param effect {@link Effect#ALLOW} only if at least one allow rule matched and no deny rule did
 * @param matchedRules every rule that matched, in bundle order (file path, then position in file)
 * @param messages the reasons for the outcome: the messages of the matched deny rules for a deny
 *     (or {@link #DEFAULT_DENY_MESSAGE} when no rule matched at all), of the matched allow rules
 *     for an allow
 * @param bundleDigest the digest of the policy bundle that decided, {@code sha256:<64 hex>}
 */
public record Decision(
    Effect effect, List<MatchedRule> matchedRules, List<String> messages, String bundleDigest) {

  /** The message of a deny that no rule caused: nothing allowed the request. */
  public static final String DEFAULT_DENY_MESSAGE = "No policy rule allows this request.";

  public Decision {
    Objects.requireNonNull(effect, "effect");
    matchedRules = List.copyOf(matchedRules);
    messages = List.copyOf(messages);
    Objects.requireNonNull(bundleDigest, "bundleDigest");
  }

  /** True if the request may proceed. */
  public boolean allowed() {
    return effect == Effect.ALLOW;
  }

  /** The names of the matched rules, in bundle order. */
  public List<String> matchedRuleNames() {
    return matchedRules.stream().map(MatchedRule::name).toList();
  }
}
