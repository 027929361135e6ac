package org.capenv.audit.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.merkle.ProofException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoteTest {
  // Test key and signature of golang.org/x/mod/sumdb/note (note_test.go), for interoperability.
  private static final String GO_SIGNER =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String GO_VERIFIER =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  private static final String GO_SIGNATURE_LINE =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  @Test
  void interoperatesWithTheGoNotePackage() throws ProofException {
    NoteSigner signer = NoteSigner.parse(GO_SIGNER);
    assertThat(signer.verifierKeyText()).isEqualTo(GO_VERIFIER);
    assertThat(signer.sign(GO_TEXT)).isEqualTo(GO_TEXT + "\n" + GO_SIGNATURE_LINE);
    assertThat(NoteVerifier.parse(GO_VERIFIER).verify(GO_TEXT + "\n" + GO_SIGNATURE_LINE))
        .isEqualTo(GO_TEXT);
  }

  @Test
  void generatedKeysRoundTripThroughTheirTextForms() throws ProofException {
    NoteSigner signer = NoteSigner.generate("capenv.example.police.uk/audit");
    NoteSigner again = NoteSigner.parse(signer.signerKeyText());
    assertThat(again.verifierKeyText()).isEqualTo(signer.verifierKeyText());
    assertThat(signer.signerKeyText()).startsWith("PRIVATE+KEY+capenv.example.police.uk/audit+");
    Checkpoint c = new Checkpoint("capenv.example.police.uk/audit", 42, MerkleHash.emptyRoot());
    SignedCheckpoint sc = SignedCheckpoint.sign(c, again);
    assertThat(SignedCheckpoint.verify(sc.note(), signer.verifier()).checkpoint()).isEqualTo(c);
    assertThat(sc.note())
        .startsWith(
            "capenv.example.police.uk/audit\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u2014 ");
  }

  @Test
  void aCheckpointSignedByAnotherKeyWithTheSameNameIsRefused() {
    NoteSigner real = NoteSigner.generate("log");
    NoteSigner forger = NoteSigner.generate("log");
    String forged = SignedCheckpoint.sign(new Checkpoint("log", 1, new byte[32]), forger).note();
    assertThatThrownBy(() -> SignedCheckpoint.verify(forged, real.verifier()))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("no signature by the trusted key log+" + real.verifier().keyIdHex());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "body", "signature", "keyid"})
  void anyChangeToASignedNoteIsRefused(String part) {
    NoteSigner signer = NoteSigner.generate("log");
    String note = SignedCheckpoint.sign(new Checkpoint("log", 7, new byte[32]), signer).note();
    String bad =
        switch (part) {
          case "text" -> note.replace("log\n7\n", "log\n8\n");
          case "body" -> note.replace("\n\n", "\nextension\n\n");
          case "signature" -> flipLastBase64Char(note);
          default -> note.replace("\u2014 log ", "\u2014 log X");
        };
    assertThat(bad).isNotEqualTo(note);
    assertThatThrownBy(() -> SignedCheckpoint.verify(bad, signer.verifier()))
        .isInstanceOf(ProofException.class);
  }

  private static String flipLastBase64Char(String note) {
    int i = note.length() - 4;
    char c = note.charAt(i);
    return note.substring(0, i) + (c == 'A' ? 'B' : 'A') + note.substring(i + 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PRIVATE+KEY+Peter Neumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PRIVATE+KEY+PeterNeumann+c74f20a3",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
      })
  void malformedSignerKeysAreRefused(String key) {
    assertThatThrownBy(() -> NoteSigner.parse(key)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "log\n1\nAAAA\n",
        "log\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "log\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next\n",
        "log\n1\n"
      })
  void malformedCheckpointTextIsRefused(String text) {
    assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLocalKeyIsGeneratedOnceAndReusedButNeverInProduction(@TempDir Path dir) throws Exception {
    NoteSigner first = SigningKeys.resolve(Optional.empty(), dir, "local/audit", true);
    NoteSigner second = SigningKeys.resolve(Optional.empty(), dir, "local/audit", true);
    assertThat(second.verifierKeyText()).isEqualTo(first.verifierKeyText());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(SigningKeys.LOCAL_KEY_FILE))))
        .isEqualTo("rw-------");
    assertThat(SigningKeys.resolve(Optional.of(GO_SIGNER), dir, "x", false).verifierKeyText())
        .isEqualTo(GO_VERIFIER);
    assertThatThrownBy(() -> SigningKeys.resolve(Optional.empty(), dir, "x", false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capenv.audit.signing-key");
  }
}
