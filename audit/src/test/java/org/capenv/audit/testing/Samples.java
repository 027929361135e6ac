package org.capenv.audit.testing;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Actor;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.entry.PolicyRef;

/** Varied, realistic entries for tests and benchmarks-in-tests. */
public final class Samples {
  public static final String IMAGE =
      "registry.example.police.uk/tools/exif@sha256:" + "ab".repeat(32);
  private static final String[] FORCES = {"norfolk", "suffolk", "essex"};

  private Samples() {}

  public static Actor analyst(int i) {
    return new Actor(
        "sub-" + (i % 7), "analyst" + (i % 7), FORCES[i % 3], null, List.of("analyst"), "NPPV2");
  }

  /** The i-th sample: a run request, completion, or disclosure, with a distinct run id. */
  public static AuditEntry entry(int i) {
    Instant t = Instant.parse("2026-11-25T10:00:00Z").plusNanos(i * 1_001_000L);
    return switch (i % 3) {
      case 0 ->
          AuditEntry.builder(Action.RUN_REQUESTED, analyst(i))
              .time(t)
              .target("run", "run-" + i)
              .runId("run-" + i)
              .justification("exif metadata of seized images", "OP-" + (i % 11))
              .tool("exif", "12.76", IMAGE)
              .parametersDigest(hex(i))
              .input("photo.jpg", hex(i + 1))
              .policy(
                  new PolicyRef(hex(99), "allow", List.of("force-scope"), List.of("same force")))
              .traceId("4bf92f3577b34da6a3ce929d0e0e" + String.format("%04x", i % 65536))
              .origin("10.0.0." + (i % 250), "capenv-portal")
              .build();
      case 1 ->
          AuditEntry.builder(Action.RUN_COMPLETED, Actor.system("runner"))
              .time(t)
              .target("run", "run-" + (i - 1))
              .runId("run-" + (i - 1))
              .tool("exif", "12.76", IMAGE)
              .output("metadata.json", hex(i + 2))
              .detail("exitCode", "0")
              .build();
      default ->
          AuditEntry.builder(Action.OUTPUT_DISCLOSED, analyst(i))
              .time(t)
              .outcome(i % 5 == 0 ? Outcome.DENIED : Outcome.SUCCESS)
              .target("output", hex(i + 2))
              .runId("run-" + (i - 2))
              .justification("disclosure to CPS", "OP-" + (i % 11))
              .recipient("cps:case-unit")
              .build();
    };
  }

  public static List<AuditEntry> entries(int from, int count) {
    return IntStream.range(from, from + count).mapToObj(Samples::entry).toList();
  }

  public static String hex(int i) {
    return String.format("%064x", (long) i * 2654435761L);
  }
}
