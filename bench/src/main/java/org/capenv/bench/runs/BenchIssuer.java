package org.capenv.bench.runs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * The token source of the harness: an OpenID provider reduced to what a bearer-token resource
 * server reads (discovery document and JWKS), and RS256 access tokens shaped like the capenv
 * realm's. The platform validates them exactly as it validates Keycloak's: discovery, key by {@code
 * kid}, signature, issuer, audience, expiry. Keycloak itself is left out because token issuance is
 * not what is measured; validation, which is, is the same code path.
 */
final class BenchIssuer implements AutoCloseable {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String KID = "bench-rs256";

  private final HttpServer server;
  private final KeyPair keys;
  private final String issuer;

  BenchIssuer() throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/bench";
    server.createContext(
        "/realms/bench/.well-known/openid-configuration", x -> reply(x, discovery()));
    server.createContext("/realms/bench/protocol/openid-connect/certs", x -> reply(x, jwks()));
    server.start();
  }

  String issuer() {
    return issuer;
  }

  /** An analyst's access token for the given force, valid for an hour. */
  String analystToken(String username, String force) throws GeneralSecurityException {
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}";
    String claims =
        "{\"iss\":\""
            + issuer
            + "\",\"aud\":\"capenv-api\",\"sub\":\"sub-"
            + username
            + "\",\"preferred_username\":\""
            + username
            + "\",\"azp\":\"portal\",\"force\":\""
            + force
            + "\",\"vetting\":\"NPPV2\",\"realm_access\":{\"roles\":[\"analyst\"]},\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 3600)
            + "}";
    String signingInput = b64(header) + "." + b64(claims);
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initSign(keys.getPrivate());
    rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(rs256.sign());
  }

  private String discovery() {
    String base = issuer + "/protocol/openid-connect";
    return "{\"issuer\":\""
        + issuer
        + "\",\"jwks_uri\":\""
        + base
        + "/certs\",\"authorization_endpoint\":\""
        + base
        + "/auth\",\"token_endpoint\":\""
        + base
        + "/token\",\"end_session_endpoint\":\""
        + base
        + "/logout\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
  }

  private String jwks() {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
        + KID
        + "\",\"n\":\""
        + unsigned(key.getModulus())
        + "\",\"e\":\""
        + unsigned(key.getPublicExponent())
        + "\"}]}";
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0) {
      byte[] trimmed = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
      bytes = trimmed;
    }
    return B64.encodeToString(bytes);
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
