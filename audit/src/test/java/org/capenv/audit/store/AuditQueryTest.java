package org.capenv.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.Outcome;
import org.junit.jupiter.api.Test;

class AuditQueryTest {
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void eachFilterSetsItsOwnFieldAndKeepsTheOthers() {
    AuditQuery q =
        AuditQuery.all(25)
            .withActorSubject("sub-1")
            .withForce("essex")
            .withClientId("portal")
            .withToolName("exif")
            .withAction(Action.RUN_REQUESTED)
            .withOutcome(Outcome.DENIED)
            .withCaseReference("OP-1")
            .withRunId("run-1")
            .withTimeRange(FROM, TO)
            .withAfterSeq(41);

    assertThat(q)
        .isEqualTo(
            new AuditQuery(
                "sub-1",
                "essex",
                "portal",
                "exif",
                Action.RUN_REQUESTED,
                Outcome.DENIED,
                "OP-1",
                "run-1",
                FROM,
                TO,
                41,
                25));
    AuditQuery kent = q.withForce("kent");
    assertThat(kent.force()).isEqualTo("kent");
    assertThat(kent).usingRecursiveComparison().ignoringFields("force").isEqualTo(q);
  }

  @Test
  void aFilterLeavesTheQueryItIsCalledOnAsItWas() {
    AuditQuery all = AuditQuery.all(10);

    all.withRunId("run-2").withAfterSeq(7);

    assertThat(all).isEqualTo(AuditQuery.all(10));
  }

  @Test
  void aCopyIsCheckedAsANewQueryIs() {
    assertThatThrownBy(() -> AuditQuery.all(10).withAfterSeq(-2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditQuery.all(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
