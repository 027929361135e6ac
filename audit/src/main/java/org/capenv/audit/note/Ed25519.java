package org.capenv.audit.note;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Raw Ed25519 keys (32-byte seed, 32-byte public key) with the JDK's provider. */
final class Ed25519 {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw key follows. */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Ed25519() {}

  static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
  }

  /**
   * Derives the public key of a seed. The JDK has no direct API for it, but its key-pair generator
   * draws exactly the 32 seed bytes from the random source it is given.
   */
  static byte[] publicKey(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("Ed25519");
    kpg.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
    byte[] der = kpg.generateKeyPair().getPublic().getEncoded();
    return Arrays.copyOfRange(der, der.length - 32, der.length);
  }

  static PublicKey publicKeyFromRaw(byte[] raw) throws GeneralSecurityException {
    byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, der, SPKI_PREFIX.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
  }

  /** Returns the seed once; any further request means the JDK changed and is refused. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private transient byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (seed == null || bytes.length != seed.length) {
        throw new IllegalStateException("unexpected key generation request");
      }
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
      seed = null;
    }
  }
}
