package org.capenv.api.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.capenv.api.auditor.AuditFixtures.auditor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.merkle.ProofVerifier;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.PostgresAuditStore;
import org.junit.jupiter.api.Test;

/**
 * Inclusion proofs against the latest signed checkpoint, checked here with the audit module's own
 * verifiers from nothing but the response: the proof verifies, a tampered one does not.
 */
@QuarkusTest
class AuditProofTest {
  @Inject PostgresAuditStore store;

  @Test
  void aFreshEntryGetsAProofAgainstACheckpointSignedOnDemand() throws Exception {
    long seq = AuditFixtures.seed(store).seqs().get(4);
    JsonPath proof = proof(seq);

    // what an outside verifier does: check the note with the published key, then the path
    NoteVerifier key = NoteVerifier.parse(proof.getString("verifierKey"));
    SignedCheckpoint checkpoint = SignedCheckpoint.verify(proof.getString("checkpoint"), key);
    assertThat(checkpoint.checkpoint().size()).isGreaterThan(seq);
    assertThat(proof.getLong("treeSize")).isEqualTo(checkpoint.checkpoint().size());
    assertThat(proof.getString("rootHash")).isEqualTo(Hex.of(checkpoint.checkpoint().rootHash()));
    assertThat(proof.getString("leafHash"))
        .isEqualTo(auditor().get("/api/audit/entries/" + seq).path("entry.leafHash"));
    ProofVerifier.verifyInclusion(
        seq,
        proof.getLong("treeSize"),
        Hex.parse(proof.getString("leafHash")),
        hashes(proof),
        checkpoint.checkpoint().rootHash());
    assertThat(proof.getBoolean("verified")).isTrue();
    assertThat(proof.getString("result")).contains("included");
    // the key served with the proof is the log's own
    assertThat(proof.getString("verifierKey")).isEqualTo(store.verifierKey());
  }

  @Test
  void theFirstEntryIsProvenAgainstTheLatestCheckpoint() throws Exception {
    AuditFixtures.seed(store);
    store.checkpoint();
    JsonPath proof = proof(0);
    assertThat(proof.getLong("treeSize"))
        .isEqualTo(store.latestCheckpoint().orElseThrow().checkpoint().size());
    assertThat(hashes(proof)).isNotEmpty();
  }

  @Test
  void aTamperedProofOrLeafOrRootFails() {
    long seq = AuditFixtures.seed(store).seqs().get(1);
    JsonPath proof = proof(seq);
    long size = proof.getLong("treeSize");
    byte[] leaf = Hex.parse(proof.getString("leafHash"));
    byte[] root = Hex.parse(proof.getString("rootHash"));
    List<byte[]> path = hashes(proof);

    List<byte[]> flipped = new ArrayList<>(path);
    byte[] first = flipped.get(0).clone();
    first[0] ^= 1;
    flipped.set(0, first);
    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(seq, size, leaf, flipped, root))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("expected root");

    byte[] otherLeaf = leaf.clone();
    otherLeaf[31] ^= 1;
    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(seq, size, otherLeaf, path, root))
        .isInstanceOf(ProofException.class);
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(seq, size, leaf, path.subList(1, path.size()), root))
        .isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(seq + 1, size, leaf, path, root))
        .isInstanceOf(ProofException.class);

    // a checkpoint note altered by one character no longer verifies with the key
    String note = proof.getString("checkpoint");
    String altered = note.replaceFirst("\n" + size + "\n", "\n" + (size + 1) + "\n");
    NoteVerifier key = NoteVerifier.parse(proof.getString("verifierKey"));
    assertThatThrownBy(() -> SignedCheckpoint.verify(altered, key))
        .isInstanceOf(ProofException.class);
  }

  @Test
  void checkpointAndKeyAreServedAsJsonAndAsFiles() throws Exception {
    JsonPath json =
        auditor().get("/api/audit/checkpoint").then().statusCode(200).extract().jsonPath();
    NoteVerifier key = NoteVerifier.parse(json.getString("verifierKey"));
    SignedCheckpoint cp = SignedCheckpoint.verify(json.getString("note"), key);
    assertThat(json.getLong("treeSize")).isEqualTo(cp.checkpoint().size());
    assertThat(json.getString("origin")).isEqualTo(cp.checkpoint().origin());

    var note =
        auditor().get("/api/audit/checkpoint.txt").then().statusCode(200).extract().response();
    assertThat(note.contentType()).startsWith("text/plain");
    assertThat(note.header("Content-Disposition")).contains("attachment");
    SignedCheckpoint.verify(new String(note.asByteArray(), StandardCharsets.UTF_8), key);

    var file =
        auditor().get("/api/audit/verifier-key.txt").then().statusCode(200).extract().response();
    assertThat(file.header("Content-Disposition")).contains("attachment");
    assertThat(file.asString().strip()).isEqualTo(store.verifierKey());
  }

  @Test
  void beyondTheLogThereIsNoProof() {
    auditor().get("/api/audit/entries/" + (store.size() + 10) + "/proof").then().statusCode(404);
  }

  private static JsonPath proof(long seq) {
    return auditor()
        .get("/api/audit/entries/" + seq + "/proof")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static List<byte[]> hashes(JsonPath proof) {
    return proof.getList("auditPath", String.class).stream().map(Hex::parse).toList();
  }
}
