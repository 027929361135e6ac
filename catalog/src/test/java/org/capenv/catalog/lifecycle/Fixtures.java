package org.capenv.catalog.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** People and sign-offs for the lifecycle tests. */
final class Fixtures {

  static final String ETHICS = "reviewer-ethics";
  static final String INFO = "reviewer-information";
  static final String SECURITY = "reviewer-security";

  static final Actor STEWARD = new Actor("steve", Set.of("tool-steward"));
  static final Actor OTHER_STEWARD = new Actor("sally", Set.of("tool-steward"));
  static final Actor ADMIN = new Actor("ada", Set.of("platform-admin"));
  static final Actor ANALYST = new Actor("ann", Set.of("analyst"));
  static final Actor ETHICIST = new Actor("erin", Set.of(ETHICS));
  static final Actor DPO = new Actor("ivan", Set.of(INFO));
  static final Actor SEC = new Actor("sam", Set.of(SECURITY));
  static final Actor DOUBLE = new Actor("dana", Set.of(ETHICS, SECURITY));

  private Fixtures() {}

  static List<ChecklistAnswer> fullChecklist() {
    List<ChecklistAnswer> answers = new ArrayList<>();
    for (AlgoCareItem item : AlgoCareItem.values()) {
      answers.add(new ChecklistAnswer(item, ChecklistAnswer.Outcome.MET, ""));
    }
    return answers;
  }

  static SignOff signOff(Actor who, String role, int round) {
    return new SignOff(who.id(), role, round, fullChecklist(), "", Instant.EPOCH);
  }

  static ReviewLedger inReview(SignOff... signOffs) {
    return new ReviewLedger(STEWARD.id(), VersionState.IN_REVIEW, 1, List.of(signOffs));
  }
}
