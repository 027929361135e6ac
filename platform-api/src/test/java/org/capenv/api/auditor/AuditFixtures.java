package org.capenv.api.auditor;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.capenv.api.testing.TestTokens;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Actor;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.store.Appended;
import org.capenv.audit.store.PostgresAuditStore;

/** Callers and seeded entries shared by the auditor tests. */
final class AuditFixtures {
  static final String IMAGE = "sha256:" + "ab".repeat(32);

  private AuditFixtures() {}

  static RequestSpecification as(String username, String force, String... roles) {
    return given().auth().oauth2(TestTokens.sign(TestTokens.user(username, force, roles)));
  }

  static RequestSpecification auditor() {
    return as("audrey", "suffolk", "auditor");
  }

  /** A value no other test uses, so that filters select exactly this test's entries. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Actor actor(String subject, String force, String clientId, String... roles) {
    return new Actor(
        subject, subject.replace("sub-", ""), force, clientId, List.of(roles), "NPPV2");
  }

  /**
   * A small, varied set of entries: two actors of two forces, two tools, three outcomes, two cases
   * and two runs, all values unique to this call.
   */
  static Seeded seed(PostgresAuditStore store) {
    String tag = unique("t");
    String ada = "sub-ada-" + tag;
    String ben = "sub-ben-" + tag;
    String forceA = "norfolk-" + tag;
    String forceB = "suffolk-" + tag;
    String caseA = "OP-A/" + tag;
    String caseB = "OP-B/" + tag;
    String runA = UUID.randomUUID().toString();
    String runB = UUID.randomUUID().toString();
    String toolA = "miller-" + tag;
    String toolB = "exif-" + tag;
    Actor a = actor(ada, forceA, "portal-" + tag, "analyst");
    Actor b = actor(ben, forceB, "rms-" + tag, "force-integration");
    List<AuditEntry> entries = new ArrayList<>();
    entries.add(run(Action.RUN_REQUESTED, a, toolA, caseA, runA, Outcome.SUCCESS));
    entries.add(run(Action.RUN_COMPLETED, a, toolA, caseA, runA, Outcome.SUCCESS));
    entries.add(run(Action.RUN_DENIED, b, toolB, caseB, runB, Outcome.DENIED));
    entries.add(run(Action.RUN_REQUESTED, b, toolA, caseB, runB, Outcome.SUCCESS));
    entries.add(run(Action.RUN_FAILED, b, toolA, caseB, runB, Outcome.FAILURE));
    List<Appended> appended = store.appendDurable(entries);
    return new Seeded(
        tag,
        ada,
        ben,
        forceA,
        forceB,
        caseA,
        caseB,
        runA,
        runB,
        toolA,
        toolB,
        appended.stream().map(Appended::seq).toList());
  }

  private static AuditEntry run(
      Action action, Actor actor, String tool, String caseRef, String runId, Outcome outcome) {
    return AuditEntry.builder(action, actor)
        .outcome(outcome)
        .tool(tool, "1.0.0", IMAGE)
        .justification("Test purpose", caseRef)
        .runId(runId)
        .target("run", runId)
        .build();
  }

  /** What {@link #seed} wrote; {@code seqs} in order of the entries listed there. */
  record Seeded(
      String tag,
      String ada,
      String ben,
      String forceA,
      String forceB,
      String caseA,
      String caseB,
      String runA,
      String runB,
      String toolA,
      String toolB,
      List<Long> seqs) {}
}
