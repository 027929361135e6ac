package org.capenv.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.capenv.api.testing.TestTokens;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request URL with a bad percent escape, escapes that are not UTF-8, or a character a URL may not
 * carry: a 400 problem+json (the portal's error page for a browser), before any endpoint. Sent as
 * raw bytes: an HTTP client would encode the URL again.
 */
@QuarkusTest
class MalformedUrlTest {
  private static final String PROBLEM = "application/problem+json";
  private static final String TYPE = "https://capenv.org/problems/malformed-url";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URL url;

  @Inject PostgresAuditStore auditLog;

  private static String analyst(String username) {
    return TestTokens.sign(TestTokens.user(username, "norfolk", "analyst"));
  }

  @ParameterizedTest
  @CsvSource({
    // a bad hex digit, a '%' cut short, a '%' at the end: in the query, named by its parameter
    "/api/runs?tool=%zz, query.tool, a bad percent escape",
    "/api/runs?state=%, query.state, a bad percent escape",
    "/api/runs?state=%4, query.state, a bad percent escape",
    "/api/runs?%zz=1, query, a bad percent escape",
    // and in the path, where the router itself fails it before any filter
    "/api/runs/%zz, path, a bad percent escape",
    "/api/runs/%, path, a bad percent escape",
    "/api/nothing/%zz/x, path, a bad percent escape",
    // escapes that decode to bytes that are not UTF-8 (once decoded silently as U+FFFD)
    "/api/runs?tool=%e0%80, query.tool, percent escapes that are not UTF-8",
    "/api/runs?tool=%ff, query.tool, percent escapes that are not UTF-8",
    "/api/runs/%ff, path, percent escapes that are not UTF-8",
    "/api/runs/%C3, path, percent escapes that are not UTF-8",
    // a character a URL may not carry (what Quarkus refused with an empty 400)
    "/api/runs?tool=a|b, query, a character that must be percent-encoded",
    "/api/runs/a^b, path, a character that must be percent-encoded",
    // a parameter given twice, which the endpoint would read by its first value only
    "/api/runs?state=RUNNING&state=FAILED, query.state, given more than once",
    "/api/audit/entries?runId=a&run%49d=b, query.runId, given more than once"
  })
  void aMalformedUrlIsA400ProblemNamingWhere(String target, String field, String message)
      throws IOException {
    Raw response = send("GET", target, "Authorization: Bearer " + analyst("ana"), null);
    assertThat(response.status).isEqualTo(400);
    assertThat(response.header("content-type")).isEqualTo(PROBLEM);
    JsonNode problem = JSON.readTree(response.body);
    assertThat(problem.path("type").asText()).isEqualTo(TYPE);
    assertThat(problem.path("title").asText()).isEqualTo("Malformed request URL");
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("traceId").asText()).matches("[0-9a-f]{32}");
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(field);
    assertThat(problem.path("errors").get(0).path("message").asText()).isEqualTo(message);
    assertThat(response.header("cache-control")).isEqualTo("no-store");
    assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
  }

  @Test
  void theRefusalComesBeforeAuthentication() throws IOException {
    Raw response = send("GET", "/api/runs?tool=%zz", null, null);
    assertThat(response.status).isEqualTo(400);
    assertThat(JSON.readTree(response.body).path("type").asText()).isEqualTo(TYPE);
  }

  @Test
  void aRefusedRequestReachesNoEndpoint() throws IOException {
    // an upload is recorded with a data.collected entry: with a malformed URL nothing is
    String body = "malformed-url-test " + System.nanoTime();
    Raw refused =
        send(
            "POST",
            "/api/blobs?note=%ff",
            "Authorization: Bearer " + analyst("urma") + "\r\nContent-Type: text/csv",
            body);
    assertThat(refused.status).isEqualTo(400);
    assertThat(JSON.readTree(refused.body).path("type").asText()).isEqualTo(TYPE);
    assertThat(auditLog.search(AuditQuery.all(10).withActorSubject("sub-urma")).entries())
        .isEmpty();
    // the same upload with a well-formed URL is recorded
    Raw accepted =
        send(
            "POST",
            "/api/blobs?note=%C3%A9",
            "Authorization: Bearer " + analyst("urma") + "\r\nContent-Type: text/csv",
            body);
    assertThat(accepted.status).isEqualTo(201);
    assertThat(auditLog.search(AuditQuery.all(10).withActorSubject("sub-urma")).entries())
        .hasSize(1);
  }

  @Test
  void wellFormedEscapesWorkAsBefore() throws IOException {
    String token = "Authorization: Bearer " + analyst("ana");
    // decoded and read as the value: %31%30 is 10
    Raw limited = send("GET", "/api/test/problems/limited?limit=%31%30", token, null);
    assertThat(limited.status).isEqualTo(200);
    assertThat(limited.body).isEqualTo("10");
    // UTF-8 escapes and an escaped slash reach the endpoint, whose own validation answers
    for (String target : new String[] {"/api/runs?tool=%C3%A9", "/api/runs/a%2Fb%20c"}) {
      Raw response = send("GET", target, token, null);
      assertThat(response.status).as(target).isEqualTo(400);
      assertThat(JSON.readTree(response.body).path("type").asText())
          .as(target)
          .isEqualTo("https://capenv.org/problems/validation");
    }
    assertThat(send("GET", "/api/runs?caseReference=OP%2D1&limit=%35", token, null).status)
        .isEqualTo(200);
  }

  @Test
  void aBrowserUnderThePortalGetsTheErrorPageAndAScriptTheProblem() throws IOException {
    for (String target :
        new String[] {"/portal/runs?x=%e0%80", "/portal/runs?x=%zz", "/portal/runs/%zz"}) {
      Raw page = send("GET", target, "Accept: text/html,application/xhtml+xml,*/*;q=0.8", null);
      assertThat(page.status).as(target).isEqualTo(400);
      assertThat(page.header("content-type")).as(target).startsWith("text/html");
      assertThat(page.body)
          .as(target)
          .contains("Malformed request URL", "govuk-template")
          .doesNotContain("\"type\"");
      // the portal's security headers, error pages included
      assertThat(page.header("content-security-policy")).as(target).contains("frame-ancestors");
      assertThat(page.header("x-frame-options")).as(target).isEqualTo("DENY");
      assertThat(page.header("cache-control")).as(target).isEqualTo("no-store");
    }
    Raw script = send("GET", "/portal/runs/%zz/status", "Accept: application/json", null);
    assertThat(script.status).isEqualTo(400);
    assertThat(script.header("content-type")).isEqualTo(PROBLEM);
    assertThat(JSON.readTree(script.body).path("type").asText()).isEqualTo(TYPE);
  }

  /** One raw HTTP/1.1 exchange, the target sent byte for byte. */
  private Raw send(String method, String target, String headers, String body) throws IOException {
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(10_000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head =
          new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
      if (headers != null) {
        head.append(headers).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Length: ").append(content.length).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(content);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      return new Raw(received.toString(StandardCharsets.UTF_8));
    }
  }

  private static final class Raw {
    final int status;
    final String head;
    final String body;

    Raw(String response) {
      int end = response.indexOf("\r\n\r\n");
      head = end < 0 ? response : response.substring(0, end);
      body = end < 0 ? "" : response.substring(end + 4);
      Matcher m = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(head);
      status = m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).toLowerCase(Locale.ROOT).equals(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }
}
