package org.capenv.api.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.capenv.api.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest {
  @TestHTTPResource("/")
  URL url;

  private static final String PROBE = "/api/test/problems";
  private static final String PROBLEM = "application/problem+json";

  private static RequestSpecification asAnalyst() {
    return given().auth().oauth2(TestTokens.sign(TestTokens.user("ana", "norfolk", "analyst")));
  }

  @Test
  void unknownPathIs404() {
    asAnalyst()
        .get("/api/test/nothing-here")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("title", equalTo("Not Found"))
        .body("instance", equalTo("/api/test/nothing-here"));
  }

  @Test
  void instanceIsTheRawPathEncodedOnce() {
    asAnalyst()
        .urlEncodingEnabled(false)
        .get("/api/test/a%20b")
        .then()
        .statusCode(404)
        .body("instance", equalTo("/api/test/a%20b"));
  }

  @Test
  void wrongMethodIs405() {
    asAnalyst()
        .delete("/api/me")
        .then()
        .statusCode(405)
        .contentType(PROBLEM)
        .header("Allow", "GET, HEAD")
        .body("status", equalTo(405));
    // what the header lists is answered
    asAnalyst().head("/api/me").then().statusCode(200);
  }

  @Test
  void aWrongMethodOnATemplatedPathNamesWhatThatPathAllows() {
    asAnalyst().delete("/api/runs").then().statusCode(405).header("Allow", "GET, HEAD, POST");
    asAnalyst()
        .put("/api/runs/00000000-0000-4000-8000-000000000000/cancel")
        .then()
        .statusCode(405)
        .header("Allow", "POST");
  }

  @Test
  void unproducibleAcceptIs406() {
    asAnalyst()
        .accept("application/xml")
        .get("/api/me")
        .then()
        .statusCode(406)
        .contentType(PROBLEM);
  }

  @Test
  void unsupportedContentTypeIs415() {
    asAnalyst()
        .contentType("text/plain")
        .body("purpose=x")
        .post(PROBE)
        .then()
        .statusCode(415)
        .contentType(PROBLEM)
        .body("status", equalTo(415));
  }

  @Test
  void malformedJsonIs400() {
    asAnalyst()
        .contentType("application/json")
        .body("{\"purpose\": ")
        .post(PROBE)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://capenv.org/problems/malformed-body"))
        .body("detail", equalTo("The request body is not valid JSON."));
  }

  @Test
  void wrongTypeIs400NamingTheField() {
    String body =
        asAnalyst()
            .contentType("application/json")
            .body("{\"purpose\": \"case 24/123\", \"count\": \"many\"}")
            .post(PROBE)
            .then()
            .statusCode(400)
            .contentType(PROBLEM)
            .body("type", equalTo("https://capenv.org/problems/malformed-body"))
            .body("errors.field", contains("body.count"))
            .extract()
            .asString();
    assertThat(body).doesNotContain("java.", "Integer", "Exception");
  }

  @Test
  void invalidFieldsAre400ListingEachField() {
    asAnalyst()
        .contentType("application/json")
        .body("{\"purpose\": \" \", \"count\": 11}")
        .post(PROBE)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://capenv.org/problems/validation"))
        .body("errors.field", contains("order.count", "order.purpose"))
        .body("errors.message", contains("must be less than or equal to 10", "must not be blank"));
  }

  @Test
  void invalidQueryParameterIs400() {
    asAnalyst()
        .queryParam("limit", 101)
        .get(PROBE + "/limited")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", contains("limit"));
  }

  @Test
  void oversizedBodyIs413() throws IOException {
    // a raw request declaring 11 MiB: the platform must answer before reading any of it
    String token = TestTokens.sign(TestTokens.user("ana", "norfolk", "analyst"));
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(10_000);
      String head =
          "POST "
              + PROBE
              + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + 11 * 1024 * 1024
              + "\r\n\r\n{";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String response = readResponse(socket.getInputStream());
      assertThat(response)
          .startsWith("HTTP/1.1 413")
          .containsIgnoringCase("content-type: application/problem+json")
          .contains("\"status\":413", "\"instance\":\"" + PROBE + "\"");
    }
  }

  @Test
  void domainExceptionCarriesItsStatusAndType() {
    asAnalyst()
        .get(PROBE + "/domain")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", equalTo("https://capenv.org/problems/tool-suspended"))
        .body("title", equalTo("Tool version suspended"))
        .body("detail", equalTo("Version 1.2.0 of this tool is suspended."));
  }

  @Test
  void unexpectedErrorIsAGeneric500WithATraceId() {
    String body =
        asAnalyst()
            .get(PROBE + "/boom")
            .then()
            .statusCode(500)
            .contentType(PROBLEM)
            .body("title", equalTo("Internal Server Error"))
            .body("traceId", matchesPattern("[0-9a-f]{32}"))
            .extract()
            .asString();
    assertThat(body).doesNotContain("select", "secret", "IllegalState", "eyJ", "at org.");
  }

  /** Reads one HTTP response (head and a body of Content-Length bytes) without waiting for EOF. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (true) {
      String text = received.toString(StandardCharsets.UTF_8);
      int headEnd = text.indexOf("\r\n\r\n");
      if (headEnd >= 0) {
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        if (length.find() && received.size() >= headEnd + 4 + Integer.parseInt(length.group(1))) {
          return text;
        }
      }
      int read = in.read(buffer);
      if (read < 0) {
        return text;
      }
      received.write(buffer, 0, read);
    }
  }
}
