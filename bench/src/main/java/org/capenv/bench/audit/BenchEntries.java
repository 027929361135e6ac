package org.capenv.bench.audit;

import java.time.Instant;
import java.util.List;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Actor;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.PolicyRef;

/** Realistic run-request entries (about 900 bytes canonical), varied by index. */
final class BenchEntries {
  private static final String IMAGE =
      "registry.example.police.uk/tools/exif@sha256:" + "ab".repeat(32);
  private static final String[] FORCES = {"norfolk", "suffolk", "essex", "cambridgeshire"};

  private BenchEntries() {}

  static AuditEntry entry(long i) {
    Actor actor =
        new Actor(
            "5f0c1e2a-" + (i % 500),
            "analyst" + (i % 500),
            FORCES[(int) (i % FORCES.length)],
            null,
            List.of("analyst"),
            "NPPV2");
    return AuditEntry.builder(Action.RUN_REQUESTED, actor)
        .time(Instant.parse("2026-11-25T09:00:00Z").plusNanos(i * 1000))
        .target("run", "run-" + i)
        .runId("run-" + i)
        .justification("extract EXIF metadata from seized images", "OP-" + (i % 97))
        .tool("exif", "12.76", IMAGE)
        .parametersDigest(hex(i))
        .input("photo.jpg", hex(i + 1))
        .policy(
            new PolicyRef(
                hex(7), "allow", List.of("force-scope", "vetting"), List.of("same force")))
        .traceId(String.format("%032x", i))
        .origin("10.1." + (i % 200) + ".7", "capenv-portal/1.0")
        .build();
  }

  static String hex(long i) {
    return String.format("%064x", i * 2654435761L);
  }
}
