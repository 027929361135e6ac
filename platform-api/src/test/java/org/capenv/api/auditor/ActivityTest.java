package org.capenv.api.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.auditor.AuditFixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.capenv.audit.store.PostgresAuditStore;
import org.junit.jupiter.api.Test;

/** "My activity": each caller sees the entries of their own actions and nobody else's. */
@QuarkusTest
class ActivityTest {
  @Inject PostgresAuditStore store;

  @Test
  void eachAnalystSeesOnlyTheirOwnEntriesAcrossForces() {
    String ada = AuditFixtures.unique("ada");
    String ben = AuditFixtures.unique("ben");
    // real actions through the API: each upload is recorded as a collection of data
    String adaBlob = upload(as(ada, "norfolk", "analyst"), "ada's records");
    upload(as(ada, "norfolk", "analyst"), "more of ada's records");
    String benBlob = upload(as(ben, "suffolk", "analyst"), "ben's records");

    List<JsonPath> adaItems = activity(() -> as(ada, "norfolk", "analyst"));
    assertThat(adaItems).hasSize(2);
    assertThat(adaItems)
        .allSatisfy(
            e -> {
              assertThat(e.getString("actor.subject")).isEqualTo("sub-" + ada);
              assertThat(e.getString("action")).isEqualTo("data.collected");
            });
    assertThat(adaItems)
        .extracting(e -> e.getString("entry.target.id"))
        .contains(adaBlob)
        .doesNotContain(benBlob);

    List<JsonPath> benItems = activity(() -> as(ben, "suffolk", "analyst"));
    assertThat(benItems).hasSize(1);
    assertThat(benItems.get(0).getString("actor.subject")).isEqualTo("sub-" + ben);
    assertThat(benItems.get(0).getString("entry.target.id")).isEqualTo(benBlob);
  }

  @Test
  void anAuditorsOwnActivityHoldsTheirConsultationsNotTheEntriesTheyRead() {
    String name = AuditFixtures.unique("aud");
    AuditFixtures.Seeded s = AuditFixtures.seed(store);
    as(name, "suffolk", "auditor")
        .get("/api/audit/entries?runId=" + s.runA())
        .then()
        .statusCode(200);
    List<JsonPath> items = activity(() -> as(name, "suffolk", "auditor"));
    assertThat(items).hasSize(1);
    assertThat(items.get(0).getString("action")).isEqualTo("audit.queried");
    assertThat(items.get(0).getString("entry.details['filter.runId']")).isEqualTo(s.runA());
  }

  @Test
  void someoneWithNoActionsHasAnEmptyTrail() {
    String name = AuditFixtures.unique("new");
    assertThat(activity(() -> as(name, "norfolk", "analyst"))).isEmpty();
  }

  private static String upload(RequestSpecification caller, String content) {
    return caller
        .contentType("text/csv")
        .body(content.getBytes(StandardCharsets.UTF_8))
        .post("/api/blobs")
        .then()
        .statusCode(201)
        .extract()
        .path("sha256");
  }

  /** Every page of the caller's activity, following the cursor, two entries at a time. */
  private static List<JsonPath> activity(Supplier<RequestSpecification> caller) {
    List<JsonPath> items = new ArrayList<>();
    String url = "/api/me/activity?limit=2";
    while (url != null) {
      JsonPath page = caller.get().get(url).then().statusCode(200).extract().jsonPath();
      int n = page.getList("items").size();
      for (int i = 0; i < n; i++) {
        items.add(JsonPath.from(page.prettify()).setRootPath("items[" + i + "]"));
      }
      url = page.getString("next");
    }
    return items;
  }
}
