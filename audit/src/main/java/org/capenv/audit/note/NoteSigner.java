package org.capenv.audit.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.capenv.audit.merkle.Hex;

/**
 * Signs notes with Ed25519 as the C2SP signed-note specification describes. The key's text form is
 * the one of golang.org/x/mod/sumdb/note: {@code PRIVATE+KEY+<name>+<keyid hex8>+<base64(0x01 ||
 * 32-byte seed)>}. Treat that text as a secret.
 */
public final class NoteSigner {
  private final String name;
  private final byte[] keyId;
  private final byte[] publicKey;
  private final PrivateKey privateKey;
  private final String signerKeyText;

  private NoteSigner(String name, byte[] seed) {
    try {
      this.name = KeyNames.check(name);
      this.publicKey = Ed25519.publicKey(seed);
      this.privateKey = Ed25519.privateKey(seed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make Ed25519 keys", e);
    }
    this.keyId = KeyNames.keyId(name, publicKey);
    byte[] tagged = new byte[33];
    tagged[0] = KeyNames.ALG_ED25519;
    System.arraycopy(seed, 0, tagged, 1, 32);
    this.signerKeyText =
        "PRIVATE+KEY+"
            + name
            + "+"
            + Hex.of(keyId)
            + "+"
            + Base64.getEncoder().encodeToString(tagged);
    Arrays.fill(tagged, (byte) 0);
  }

  /** A new random key named {@code name} (e.g. the log origin). */
  public static NoteSigner generate(String name) {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return new NoteSigner(name, seed);
  }

  /** Parses the signer key text form, checking that its key id matches the key. */
  public static NoteSigner parse(String signerKey) {
    String[] parts = signerKey.strip().split("\\+", 5);
    if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
      throw new IllegalArgumentException(
          "signer key must be PRIVATE+KEY+<name>+<keyid>+<base64 key>");
    }
    byte[] tagged;
    try {
      tagged = Base64.getDecoder().decode(parts[4]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signer key: invalid base64", e);
    }
    if (tagged.length != 33 || tagged[0] != KeyNames.ALG_ED25519) {
      throw new IllegalArgumentException("signer key: not an Ed25519 (0x01) 32-byte seed");
    }
    NoteSigner signer = new NoteSigner(parts[2], Arrays.copyOfRange(tagged, 1, 33));
    Arrays.fill(tagged, (byte) 0);
    if (!Hex.of(signer.keyId).equals(parts[3])) {
      throw new IllegalArgumentException(
          "signer key: key id expected " + Hex.of(signer.keyId) + ", got " + parts[3]);
    }
    return signer;
  }

  public String name() {
    return name;
  }

  /** The secret text form. */
  public String signerKeyText() {
    return signerKeyText;
  }

  /** The public verifier key, {@code <name>+<keyid hex8>+<base64(0x01 || public key)>}. */
  public String verifierKeyText() {
    byte[] tagged = new byte[33];
    tagged[0] = KeyNames.ALG_ED25519;
    System.arraycopy(publicKey, 0, tagged, 1, 32);
    return name + "+" + Hex.of(keyId) + "+" + Base64.getEncoder().encodeToString(tagged);
  }

  /** A verifier for this signer's signatures. */
  public NoteVerifier verifier() {
    return NoteVerifier.parse(verifierKeyText());
  }

  /**
   * Returns {@code text}, a blank line and this key's signature line. The text must be valid note
   * text: UTF-8 without control characters other than newline, ending in a newline.
   */
  public String sign(String text) {
    NoteVerifier.checkText(text);
    byte[] sig;
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      sig = s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
    byte[] blob = new byte[4 + sig.length];
    System.arraycopy(keyId, 0, blob, 0, 4);
    System.arraycopy(sig, 0, blob, 4, sig.length);
    return text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }
}
