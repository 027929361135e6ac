package org.capenv.api.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.auditor.AuditFixtures.auditor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.entry.SequencedEntry;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.ProofVerifier;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.verify.LogVerification;
import org.capenv.audit.verify.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed exports: verifiable JSON Lines, safe CSV, and each export recorded as a disclosure. */
@QuarkusTest
class AuditExportTest {
  @Inject PostgresAuditStore store;

  @TempDir Path dir;

  @Test
  void anUnfilteredJsonLinesExportVerifiesOfflineAgainstItsCheckpoint() throws Exception {
    AuditFixtures.seed(store);
    Response export = auditor().get("/api/audit/export?format=jsonl");
    export.then().statusCode(200);
    assertThat(export.header("Content-Disposition")).startsWith("attachment; filename=");
    long size = Long.parseLong(export.header("X-Audit-Tree-Size"));
    String note =
        new String(
            Base64.getDecoder().decode(export.header("X-Audit-Checkpoint")),
            StandardCharsets.UTF_8);
    Path file = dir.resolve("export.jsonl");
    Files.write(file, export.asByteArray());

    // exactly what `capenv-audit verify --file` does
    VerificationResult result =
        LogVerification.file(file, NoteVerifier.parse(store.verifierKey()), note, List.of());
    assertThat(result.ok()).as("%s", result).isTrue();
    assertThat(Files.readAllLines(file)).hasSize((int) size);
    assertThat(export.header("X-Audit-Entry-Count")).isEqualTo(Long.toString(size));

    // one changed byte is named by the verifier
    byte[] bytes = Files.readAllBytes(file);
    int at = new String(bytes, StandardCharsets.UTF_8).indexOf("run.requested");
    bytes[at] = 'R';
    Files.write(file, bytes);
    VerificationResult tampered =
        LogVerification.file(file, NoteVerifier.parse(store.verifierKey()), note, List.of());
    assertThat(tampered.ok()).isFalse();
  }

  @Test
  void aFilteredJsonLinesExportHoldsCanonicalEntriesEachProvableAgainstTheCheckpoint()
      throws Exception {
    AuditFixtures.Seeded s = AuditFixtures.seed(store);
    Response export =
        auditor()
            .queryParam("runId", s.runB())
            .queryParam("format", "jsonl")
            .get("/api/audit/export");
    export.then().statusCode(200);
    String note =
        new String(
            Base64.getDecoder().decode(export.header("X-Audit-Checkpoint")),
            StandardCharsets.UTF_8);
    SignedCheckpoint cp = SignedCheckpoint.verify(note, NoteVerifier.parse(store.verifierKey()));
    String[] lines = export.asString().split("\n");
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      byte[] canonical = line.getBytes(StandardCharsets.UTF_8);
      SequencedEntry entry = EntryCodec.decode(canonical);
      assertThat(entry.entry().runId()).isEqualTo(s.runB());
      // the proof an auditor fetches later is for a larger tree; ask the store for this one
      var proof = store.inclusionProof(entry.seq(), cp.checkpoint().size());
      ProofVerifier.verifyInclusion(
          entry.seq(),
          cp.checkpoint().size(),
          MerkleHash.leafHash(canonical),
          proof.hashes(),
          cp.checkpoint().rootHash());
    }
    assertThat(lines)
        .extracting(l -> EntryCodec.decode(l.getBytes(StandardCharsets.UTF_8)).seq())
        .containsExactlyElementsOf(s.seqs().subList(2, 5));
  }

  @Test
  void csvHasAHeaderQuotesSpecialCharactersAndNeutralisesFormulas() throws Exception {
    String tag = AuditFixtures.unique("csv");
    AuditEntry hostile =
        AuditEntry.builder(
                Action.RUN_REQUESTED,
                AuditFixtures.actor("sub-mallory-" + tag, "norfolk", "portal", "analyst"))
            .justification("=HYPERLINK(\"http://evil.example\",\"click\"), then \"quote\"", tag)
            .origin("10.0.0.1", "+cmd|' /C calc'!A0")
            .detail("note", "line one\nline two")
            .build();
    long seq = store.appendDurable(List.of(hostile)).get(0).seq();
    Response export =
        auditor()
            .queryParam("caseReference", tag)
            .queryParam("format", "csv")
            .get("/api/audit/export");
    export.then().statusCode(200);
    assertThat(export.contentType()).startsWith("text/csv");
    String csv = export.asString();
    String[] records = csv.split("\r\n", -1);
    assertThat(records[0]).startsWith("seq,time,action,operation,outcome,actor_subject,");
    assertThat(records[0].split(",")).hasSize(31);
    assertThat(records[1]).startsWith(seq + ",");
    assertThat(csv)
        .contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\"), then \"\"quote\"\"\"")
        .contains("\"'+cmd|' /C calc'!A0\"")
        .contains("\"note=line one\nline two\"")
        .doesNotContain(",=HYPERLINK")
        .doesNotContain(",+cmd");
    assertThat(records[records.length - 1]).isEmpty();
  }

  @Test
  void anExportIsRecordedAsADisclosureWithItsFiltersAndCount() {
    AuditFixtures.Seeded s = AuditFixtures.seed(store);
    Response export =
        auditor()
            .queryParam("force", s.forceB())
            .queryParam("format", "csv")
            .queryParam("recipient", "Information Commissioner's Office")
            .get("/api/audit/export");
    export.then().statusCode(200);
    JsonPath recorded =
        auditor()
            .queryParam("action", "audit.exported")
            .queryParam("actor", "sub-audrey")
            .queryParam("limit", 1000)
            .get("/api/audit/entries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> forces = recorded.getList("items.entry.details['filter.force']", String.class);
    int i = forces.indexOf(s.forceB());
    assertThat(i).isNotNegative();
    String item = "items[" + i + "].entry";
    assertThat(recorded.getString(item + ".operation")).isEqualTo("disclosure");
    assertThat(recorded.getString(item + ".details.count")).isEqualTo("3");
    assertThat(recorded.getString(item + ".details.format")).isEqualTo("csv");
    assertThat(recorded.getString(item + ".details.treeSize"))
        .isEqualTo(export.header("X-Audit-Tree-Size"));
    assertThat(recorded.getList(item + ".recipients", String.class))
        .containsExactly("Information Commissioner's Office");
  }
}
