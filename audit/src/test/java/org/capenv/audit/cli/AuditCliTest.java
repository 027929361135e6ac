package org.capenv.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.capenv.audit.canonical.CanonicalJson;
import org.capenv.audit.merkle.ConsistencyProof;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.InclusionProof;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.PostgresExtension;
import org.capenv.audit.store.PostgresExtension.TestDatabase;
import org.capenv.audit.testing.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class AuditCliTest {
  private static final String ORIGIN = "capenv.test/audit";
  private static final NoteSigner SIGNER = NoteSigner.generate(ORIGIN);
  @TempDir static Path dir;
  static TestDatabase db;
  static PostgresAuditStore store;
  static List<String> dbArgs;

  @BeforeAll
  static void log(TestDatabase database) throws Exception {
    db = database;
    store = new PostgresAuditStore(db.app(), ORIGIN, SIGNER);
    for (int i = 0; i < 3; i++) {
      store.appendDurable(Samples.entries(i * 10, 10));
      store.checkpoint();
    }
    Path password = dir.resolve("db-password");
    Files.writeString(password, "app-secret\n");
    dbArgs =
        List.of(
            "--db-url",
            db.url(),
            "--db-user",
            "capenv_app",
            "--db-password-file",
            password.toString());
  }

  @AfterAll
  static void close() {
    store.close();
  }

  record Run(int code, String out, String err) {}

  static Run run(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AuditCli.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  static List<String> cmd(String name) {
    List<String> c = new ArrayList<>(List.of(name));
    c.addAll(dbArgs);
    return c;
  }

  @Test
  void checkpointExportAndVerifyAgreeAndTamperingAnExportIsNamed() throws Exception {
    Run cp = run(cmd("checkpoint"));
    assertThat(cp.code()).isZero();
    assertThat(cp.out()).isEqualTo(store.latestCheckpoint().orElseThrow().note());
    Path trusted = dir.resolve("trusted.note");
    Files.writeString(trusted, cp.out());
    String key = SIGNER.verifierKeyText();

    Path export = dir.resolve("log.jsonl");
    Path cps = dir.resolve("checkpoints.jsonl");
    Run ex = run(cmd("export"), "--out", export.toString(), "--checkpoints-out", cps.toString());
    assertThat(ex.code()).as(ex.err()).isZero();
    List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(30);

    List<String> verifyFile =
        List.of(
            "verify",
            "--file",
            export.toString(),
            "--checkpoints",
            cps.toString(),
            "--trusted-checkpoint",
            trusted.toString(),
            "--verifier-key",
            key);
    Run ok = run(verifyFile);
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("OK: 30 entries, 3 checkpoints verified");
    Run okDb =
        run(cmd("verify"), "--trusted-checkpoint", trusted.toString(), "--verifier-key", key);
    assertThat(okDb.code()).as(okDb.err()).isZero();

    List<String> deleted = new ArrayList<>(lines);
    deleted.remove(14);
    Files.write(export, deleted, StandardCharsets.UTF_8);
    Run bad = run(verifyFile);
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err())
        .contains(
            "FAILED at sequence number 14: position 14 holds the entry of sequence number 15");

    List<String> edited = new ArrayList<>(lines);
    edited.set(14, lines.get(14).replace("cps:case-unit", "press:desk"));
    assertThat(edited.get(14)).isNotEqualTo(lines.get(14));
    Files.write(export, edited, StandardCharsets.UTF_8);
    Run changed = run(verifyFile);
    assertThat(changed.code()).isEqualTo(1);
    // an export has no stored hashes: the change is placed between the checkpoints of 10 and 20
    assertThat(changed.err())
        .contains(
            "FAILED at sequence number 10: entries 10 to 19 do not reproduce the signed checkpoint of size 20");

    Run wrongKey =
        run(
            List.of(
                "verify",
                "--file",
                export.toString(),
                "--trusted-checkpoint",
                trusted.toString(),
                "--verifier-key",
                NoteSigner.generate(ORIGIN).verifierKeyText()));
    assertThat(wrongKey.code()).isEqualTo(1);
    assertThat(wrongKey.err()).contains("no signature by the trusted key");
  }

  @Test
  void proofsPrintedAsJsonVerifyAgainstTheSignedCheckpoint() throws Exception {
    SignedCheckpoint cp = store.latestCheckpoint().orElseThrow();
    Run inc = run(cmd("prove"), "--seq", "7", "--tree-size", "30");
    assertThat(inc.code()).as(inc.err()).isZero();
    Map<?, ?> p =
        (Map<?, ?>) CanonicalJson.parse(inc.out().strip().getBytes(StandardCharsets.UTF_8));
    new InclusionProof(7, 30, Hex.parse((String) p.get("leafHash")), hashes(p))
        .verify(cp.checkpoint().rootHash());

    Run cons = run(cmd("prove"), "--old-size", "10", "--new-size", "30");
    Map<?, ?> c =
        (Map<?, ?>) CanonicalJson.parse(cons.out().strip().getBytes(StandardCharsets.UTF_8));
    new ConsistencyProof(10, 30, hashes(c)).verify(store.rootHash(10), cp.checkpoint().rootHash());
    assertThat(run(cmd("prove")).code()).isEqualTo(2);
  }

  private static List<byte[]> hashes(Map<?, ?> json) {
    return ((List<?>) json.get("hashes")).stream().map(h -> Hex.parse((String) h)).toList();
  }

  @Test
  void keygenWritesAPrivateSignerKeyAndPrintsTheVerifierKey() throws Exception {
    Path secret = dir.resolve("signing.key");
    Run r =
        run(
            List.of(
                "keygen", "--name", "force.example/audit", "--signer-key-out", secret.toString()));
    assertThat(r.code()).isZero();
    NoteSigner signer = NoteSigner.parse(Files.readString(secret));
    assertThat(r.out().strip()).isEqualTo(signer.verifierKeyText());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
    assertThat(run(List.of("verify")).code()).isEqualTo(2);
  }
}
