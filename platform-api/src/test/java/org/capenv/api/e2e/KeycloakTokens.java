package org.capenv.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Gets real access tokens from the Keycloak of the end-to-end stack. */
public final class KeycloakTokens {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeycloakTokens() {}

  /** Resource-owner password grant for a demo user (password {@code demo}). */
  public static String password(String realm, String clientId, String username) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", clientId);
    form.put("username", username);
    form.put("password", "demo");
    form.put("scope", "openid");
    return request(realm, form);
  }

  /** Client-credentials grant for a force integration client. */
  static String clientCredentials(String clientId, String secret) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientId);
    form.put("client_secret", secret);
    return request(KeycloakServer.REALM, form);
  }

  /** The decoded payload of a JWT, for assertions on what Keycloak issued. */
  static JsonNode payload(String token) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
  }

  private static String request(String realm, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(E2eStack.keycloak().tokenUrl(realm)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "token request failed: " + response.statusCode() + " " + response.body());
      }
      return JSON.readTree(response.body()).get("access_token").asText();
    } catch (IOException e) {
      throw new IllegalStateException("token request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
