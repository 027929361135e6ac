package org.capenv.api.auditor.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.LongFunction;
import org.capenv.api.security.CallerIdentity;

/**
 * Anyone's own activity: the entries whose actor is the caller, matched on the token subject (never
 * on a display name, which another person may share). Reading one's own trail is not recorded: it
 * discloses nothing about anyone else (docs/adr/0076).
 */
@ApplicationScoped
public class ActivityService {
  @Inject AuditEntries entries;

  public AuditPageView activity(
      CallerIdentity caller, long after, int limit, LongFunction<String> nextLink) {
    return entries.page(AuditFilter.actor(caller.subject()).query(after, limit), nextLink);
  }
}
