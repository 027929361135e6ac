package org.capenv.api.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Access tokens signed by the in-process OIDC server's key, shaped like the capenv realm's tokens.
 * Each builder method returns a fresh builder so a test can alter exactly one claim.
 */
public final class TestTokens {
  public static final String ISSUER = "https://server.example.com";
  public static final String AUDIENCE = "capenv-api";
  private static final String SIGNING_KEY = "privateKey.jwk";

  private TestTokens() {}

  /** A person's token: issuer, audience, expiry and the capenv claims. */
  public static JwtClaimsBuilder user(String username, String force, String... roles) {
    return Jwt.issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("sub-" + username)
        .preferredUserName(username)
        .claim("azp", "portal")
        .claim("force", force)
        .claim("vetting", "NPPV2")
        .claim("realm_access", Map.of("roles", List.of(roles)))
        .expiresIn(300);
  }

  /** A force system's client-credentials token. */
  public static JwtClaimsBuilder client(String clientId, String force, String... roles) {
    return Jwt.issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("sub-" + clientId)
        .preferredUserName("service-account-" + clientId)
        .claim("azp", clientId)
        .claim("client_id", clientId)
        .claim("force", force)
        .claim("realm_access", Map.of("roles", List.of(roles)))
        .expiresIn(300);
  }

  /** Signs with the OIDC server's key (kid {@code 1}). */
  public static String sign(JwtClaimsBuilder claims) {
    return claims.jws().keyId("1").sign(SIGNING_KEY);
  }

  /** The same claims with an unsigned {@code alg: none} header and an empty signature. */
  public static String unsigned(String signedToken) {
    String payload = signedToken.split("\\.")[1];
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".";
  }

  /** The token with one character of its signature changed. */
  public static String withAlteredSignature(String signedToken) {
    int last = signedToken.lastIndexOf('.');
    char[] chars = signedToken.toCharArray();
    int target = last + 10;
    chars[target] = chars[target] == 'A' ? 'B' : 'A';
    return new String(chars);
  }
}
