package org.capenv.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Holds the access policy bundle in force for a policy folder. Construction loads the folder and
 * fails if it is broken, so a platform without a good bundle refuses to start. A later {@link
 * #reload()} replaces the bundle only if the folder loads cleanly; otherwise the last good bundle
 * stays in force and the outcome says why.
 *
 * <p>Thread-safe: the bundle reference is swapped atomically; decisions in flight finish on the
 * bundle they started with, and each decision names the digest of that bundle.
 */
public final class PolicyBundleHolder {
  private final Path dir;
  private volatile PolicyBundle current;

  /**
   * @throws PolicyLoadException if the folder does not hold a valid bundle (there is no last good
   *     bundle to fall back on)
   */
  public PolicyBundleHolder(Path dir) throws PolicyLoadException {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.current = PolicyBundle.load(dir);
  }

  /** The bundle in force. */
  public PolicyBundle current() {
    return current;
  }

  /** Decides with the bundle in force. */
  public Decision decide(PolicyInput input) {
    return current.decide(input);
  }

  /**
   * Reloads the folder. Synchronised so that two concurrent reloads cannot install an older read
   * after a newer one.
   */
  public synchronized ReloadOutcome reload() {
    String previous = current.digest();
    try {
      PolicyBundle next = PolicyBundle.load(dir);
      current = next;
      return new ReloadOutcome(true, previous, next.digest(), List.of());
    } catch (PolicyLoadException e) {
      return new ReloadOutcome(false, previous, previous, e.problems());
    }
  }

  /**
   * What a reload did, for the log and the audit trail.
   *
   * @param applied true if the new bundle is now in force
   * @param previousDigest the digest in force before the reload
   * @param digestInForce the digest in force after the reload
   * @param problems why the new bundle was refused (empty when applied)
   */
  public record ReloadOutcome(
      boolean applied, String previousDigest, String digestInForce, List<String> problems) {
    public ReloadOutcome {
      problems = List.copyOf(problems);
    }

    /** True if the reload put a different bundle in force. */
    public boolean changed() {
      return !previousDigest.equals(digestInForce);
    }
  }
}
