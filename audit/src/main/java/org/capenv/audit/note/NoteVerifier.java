package org.capenv.audit.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.ProofException;

/**
 * Verifies C2SP signed notes against one trusted Ed25519 key given in verifier form {@code
 * <name>+<keyid hex8>+<base64(0x01 || public key)>}. Signatures by other keys are ignored, as the
 * specification requires; a note without a valid signature by this key is refused.
 */
public final class NoteVerifier {
  private static final String DASH = "\u2014 ";
  private static final int MAX_SIGNATURES = 100;

  private final String name;
  private final byte[] keyId;
  private final PublicKey publicKey;

  private NoteVerifier(String name, byte[] keyId, PublicKey publicKey) {
    this.name = name;
    this.keyId = keyId;
    this.publicKey = publicKey;
  }

  /** Parses the verifier key text, checking that the key id matches name and key. */
  public static NoteVerifier parse(String verifierKey) {
    String[] parts = verifierKey.strip().split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("verifier key must be <name>+<keyid>+<base64 key>");
    }
    String name = KeyNames.check(parts[0]);
    byte[] tagged;
    try {
      tagged = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("verifier key: invalid base64", e);
    }
    if (tagged.length != 33 || tagged[0] != KeyNames.ALG_ED25519) {
      throw new IllegalArgumentException("verifier key: not an Ed25519 (0x01) 32-byte key");
    }
    byte[] raw = Arrays.copyOfRange(tagged, 1, 33);
    byte[] id = KeyNames.keyId(name, raw);
    if (!Hex.of(id).equals(parts[1])) {
      throw new IllegalArgumentException(
          "verifier key: key id expected " + Hex.of(id) + ", got " + parts[1]);
    }
    try {
      return new NoteVerifier(name, id, Ed25519.publicKeyFromRaw(raw));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("verifier key: not a valid Ed25519 public key", e);
    }
  }

  public String name() {
    return name;
  }

  public String keyIdHex() {
    return Hex.of(keyId);
  }

  /** Verifies {@code note} and returns its text (everything up to the blank line, with newline). */
  public String verify(String note) throws ProofException {
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw new ProofException("signed note: no blank line before the signatures");
    }
    String text = note.substring(0, split + 1);
    try {
      checkText(text);
    } catch (IllegalArgumentException e) {
      throw new ProofException("signed note: " + e.getMessage());
    }
    String[] lines = note.substring(split + 2).split("\n", -1);
    int count = lines.length - 1;
    if (count == 0 || count > MAX_SIGNATURES || !lines[count].isEmpty()) {
      throw new ProofException("signed note: expected 1 to 100 signature lines, found " + count);
    }
    String seen = null;
    for (int i = 0; i < count; i++) {
      String line = lines[i];
      if (!line.startsWith(DASH)) {
        throw new ProofException(
            "signed note: signature line " + i + " does not start with '\u2014 '");
      }
      String[] f = line.substring(DASH.length()).split(" ", -1);
      if (f.length != 2) {
        throw new ProofException("signed note: malformed signature line " + i);
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(f[1]);
      } catch (IllegalArgumentException e) {
        throw new ProofException("signed note: signature line " + i + " is not base64");
      }
      if (blob.length < 5) {
        throw new ProofException("signed note: signature line " + i + " is too short");
      }
      byte[] id = Arrays.copyOf(blob, 4);
      if (!f[0].equals(name) || !Arrays.equals(id, keyId)) {
        seen = f[0] + "+" + Hex.of(id);
        continue;
      }
      if (verifySignature(text, Arrays.copyOfRange(blob, 4, blob.length))) {
        return text;
      }
      throw new ProofException(
          "signed note: signature by " + name + "+" + Hex.of(keyId) + " does not verify");
    }
    throw new ProofException(
        "signed note: no signature by the trusted key "
            + name
            + "+"
            + Hex.of(keyId)
            + (seen == null ? "" : " (found one by " + seen + ")"));
  }

  private boolean verifySignature(String text, byte[] sig) throws ProofException {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return s.verify(sig);
    } catch (SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new ProofException("signed note: Ed25519 unavailable", e);
    }
  }

  static void checkText(String text) {
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        throw new IllegalArgumentException("note text contains a control character at " + i);
      }
    }
  }
}
