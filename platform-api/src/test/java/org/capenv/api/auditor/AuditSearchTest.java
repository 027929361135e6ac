package org.capenv.api.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.auditor.AuditFixtures.auditor;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.capenv.api.auditor.AuditFixtures.Seeded;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.store.PostgresAuditStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Auditor search: every filter, cursor paging, the recorded consultation and bad parameters. */
@QuarkusTest
class AuditSearchTest {
  @Inject PostgresAuditStore store;

  private Seeded s;
  private List<Long> seqs;

  @BeforeEach
  void seed() {
    s = AuditFixtures.seed(store);
    seqs = s.seqs();
  }

  private List<Long> search(Map<String, String> params) {
    return auditor()
        .queryParams(params)
        .queryParam("limit", 1000)
        .get("/api/audit/entries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.seq", Long.class);
  }

  @Test
  void eachFilterSelectsExactlyTheMatchingEntries() {
    assertThat(search(Map.of("actor", s.ada()))).containsExactly(seqs.get(0), seqs.get(1));
    assertThat(search(Map.of("force", s.forceB())))
        .containsExactly(seqs.get(2), seqs.get(3), seqs.get(4));
    assertThat(search(Map.of("client", "rms-" + s.tag())))
        .containsExactly(seqs.get(2), seqs.get(3), seqs.get(4));
    assertThat(search(Map.of("tool", s.toolB()))).containsExactly(seqs.get(2));
    assertThat(search(Map.of("tool", s.toolA(), "action", "run.requested")))
        .containsExactly(seqs.get(0), seqs.get(3));
    assertThat(search(Map.of("force", s.forceB(), "outcome", "denied")))
        .containsExactly(seqs.get(2));
    assertThat(search(Map.of("force", s.forceB(), "outcome", "failure")))
        .containsExactly(seqs.get(4));
    assertThat(search(Map.of("caseReference", s.caseA())))
        .containsExactly(seqs.get(0), seqs.get(1));
    assertThat(search(Map.of("runId", s.runB())))
        .containsExactly(seqs.get(2), seqs.get(3), seqs.get(4));
    assertThat(search(Map.of("runId", s.runB(), "actor", s.ada()))).isEmpty();
  }

  @Test
  void timeRangeIsFromInclusiveToExclusiveOnTheRecordedTime() {
    Instant before = Instant.now().minusSeconds(60);
    Instant after = Instant.now().plusSeconds(60);
    assertThat(search(Map.of("caseReference", s.caseA(), "from", before.toString())))
        .containsExactly(seqs.get(0), seqs.get(1));
    assertThat(search(Map.of("caseReference", s.caseA(), "from", after.toString()))).isEmpty();
    assertThat(search(Map.of("caseReference", s.caseA(), "to", before.toString()))).isEmpty();
    assertThat(
            search(
                Map.of(
                    "caseReference", s.caseA(), "from", before.toString(), "to", after.toString())))
        .containsExactly(seqs.get(0), seqs.get(1));
  }

  @Test
  void cursorPagingVisitsEveryEntryOnceInOrder() {
    List<Long> visited = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      var request = auditor().queryParam("force", s.forceB()).queryParam("limit", 2);
      if (after != null) {
        request.queryParam("after", after);
      }
      JsonPath page = request.get("/api/audit/entries").then().statusCode(200).extract().jsonPath();
      visited.addAll(page.getList("items.seq", Long.class));
      after = page.getString("nextAfter");
      if (after != null) {
        assertThat(page.getString("next"))
            .contains("/api/audit/entries?")
            .contains("force=" + s.forceB())
            .contains("after=" + after)
            .contains("limit=2");
      }
      pages++;
    } while (after != null);
    assertThat(pages).isEqualTo(2);
    assertThat(visited).containsExactly(seqs.get(2), seqs.get(3), seqs.get(4));
  }

  @Test
  void entriesCarryTheirDecodedFieldsAndLeafHash() {
    JsonPath page =
        auditor()
            .queryParam("runId", s.runA())
            .get("/api/audit/entries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getString("items[0].action")).isEqualTo("run.requested");
    assertThat(page.getString("items[0].actor.subject")).isEqualTo(s.ada());
    assertThat(page.getString("items[0].entry.justification.caseReference")).isEqualTo(s.caseA());
    assertThat(page.getString("items[0].entry.tool.name")).isEqualTo(s.toolA());
    assertThat(page.getString("items[0].leafHash")).matches("[0-9a-f]{64}");
    assertThat(page.getString("nextAfter")).isNull();
  }

  @Test
  void anEntryInFullCarriesItsCanonicalBytesWhoseHashIsTheLeafHash() {
    long seq = seqs.get(0);
    JsonPath entry =
        auditor().get("/api/audit/entries/" + seq).then().statusCode(200).extract().jsonPath();
    byte[] canonical = Base64.getDecoder().decode(entry.getString("canonical"));
    assertThat(Hex.of(MerkleHash.leafHash(canonical))).isEqualTo(entry.getString("entry.leafHash"));
    assertThat(entry.getBoolean("leafHashMatches")).isTrue();
    assertThat(new String(canonical, StandardCharsets.UTF_8))
        .startsWith("{")
        .contains("\"seq\":" + seq);
  }

  @Test
  void auditorsSearchesAndReadsAreRecorded() {
    auditor()
        .queryParam("caseReference", s.caseB())
        .get("/api/audit/entries")
        .then()
        .statusCode(200);
    auditor().get("/api/audit/entries/" + seqs.get(2)).then().statusCode(200);
    auditor()
        .queryParam("actor", "sub-audrey")
        .queryParam("action", "audit.queried")
        .queryParam("limit", 1000)
        .get("/api/audit/entries")
        .then()
        .statusCode(200)
        .body("items.entry.details['filter.caseReference']", hasItem(s.caseB()))
        .body("items.entry.target.id", hasItem(Long.toString(seqs.get(2))));
  }

  @Test
  void beyondTheLogIs404() {
    auditor()
        .get("/api/audit/entries/" + (store.size() + 1000))
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }

  static Stream<Arguments> badParameters() {
    return Stream.of(
        Arguments.of("action=bogus", "query.action"),
        Arguments.of("outcome=maybe", "query.outcome"),
        Arguments.of("from=yesterday", "query.from"),
        Arguments.of("to=2026-13-01T00:00:00Z", "query.to"),
        Arguments.of("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "query.to"),
        Arguments.of("limit=0", "query.limit"),
        Arguments.of("limit=1001", "query.limit"),
        Arguments.of("limit=ten", "query.limit"),
        Arguments.of("after=-5", "query.after"),
        Arguments.of("after=abc", "query.after"),
        Arguments.of("actor=" + "x".repeat(300), "query.actor"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badParameters")
  void badParametersAre400NamingTheField(String query, String field) {
    for (String path : List.of("/api/audit/entries", "/api/audit/export")) {
      if (path.endsWith("export") && (query.startsWith("limit") || query.startsWith("after"))) {
        continue;
      }
      auditor()
          .get(path + "?" + query)
          .then()
          .statusCode(400)
          .contentType(startsWith("application/problem+json"))
          .body("errors.field", hasItem(field));
    }
  }

  @Test
  void badSequenceNumbersAndFormatsAre400() {
    for (String path :
        List.of(
            "/api/audit/entries/abc",
            "/api/audit/entries/-1/proof",
            "/api/audit/export?format=xml")) {
      auditor()
          .get(path)
          .then()
          .statusCode(400)
          .contentType(startsWith("application/problem+json"));
    }
    auditor().get("/api/me/activity?limit=0").then().statusCode(400);
  }
}
