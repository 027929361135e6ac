package org.capenv.api.blob;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.stream.Stream;
import org.capenv.api.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Uploads have their own limit ({@code capenv.blobs.max-size}, 12 MiB in tests), streamed to disk;
 * every other body keeps a small one ({@code capenv.http.max-body-size}, 1 MiB). Each refusal is a
 * 413 (or 411) problem+json that leaves nothing behind: no row, no entry, no partial file.
 */
@QuarkusTest
class BlobUploadLimitsTest {
  private static final Path UPLOADS_IN_PROGRESS = Path.of("target/capenv-state/blobs/.tmp");

  @Inject AgroalDataSource dataSource;

  @TestHTTPResource("/")
  URL url;

  private static RequestSpecification as(String username) {
    return given().auth().oauth2(TestTokens.sign(TestTokens.user(username, "norfolk", "analyst")));
  }

  @Test
  void anUploadLargerThanTheJsonLimitIsStreamedAndStoredWithinItsOwn() throws Exception {
    byte[] content = new byte[11 * 1024 * 1024];
    Arrays.fill(content, (byte) 'a');
    // streamed by the platform to a temporary file, counted and hashed on the way
    as("ulla")
        .contentType("text/csv")
        .body((InputStream) new ByteArrayInputStream(content))
        .post("/api/blobs")
        .then()
        .statusCode(201)
        .body("size", equalTo(content.length));
    assertThat(count("select count(*) from blob where uploader_subject = 'sub-ulla'")).isOne();
  }

  @Test
  void anUploadAboveItsLimitIsA413AndLeavesNoPartialFile() throws Exception {
    byte[] content = new byte[12 * 1024 * 1024 + 1];
    as("uma")
        .contentType("text/csv")
        .body((InputStream) new ByteArrayInputStream(content))
        .post("/api/blobs")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo("https://capenv.org/problems/upload-too-large"));
    assertThat(count("select count(*) from blob where uploader_subject = 'sub-uma'")).isZero();
    assertThat(count("select count(*) from audit_entry where actor_subject = 'sub-uma'")).isZero();
    try (Stream<Path> partial = Files.list(UPLOADS_IN_PROGRESS)) {
      assertThat(partial).isEmpty();
    }
  }

  @Test
  void aJsonBodyAboveItsLimitIsA413BeforeItIsRead() throws Exception {
    String head =
        "POST /api/runs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + TestTokens.sign(TestTokens.user("jo", "norfolk", "analyst"))
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + (1024 * 1024 + 1)
            + "\r\n\r\n{";
    assertThat(exchange(head))
        .startsWith("HTTP/1.1 413")
        .containsIgnoringCase("content-type: application/problem+json")
        .contains("https://capenv.org/problems/body-too-large");
    assertThat(count("select count(*) from tool_run where owner_subject = 'sub-jo'")).isZero();
  }

  /** Above the HTTP layer's own ceiling, sized for uploads: refused before any route, unread. */
  @Test
  void anUploadAboveTheHttpCeilingIsA413BeforeAnyRoute() throws Exception {
    String head =
        "POST /api/blobs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + TestTokens.sign(TestTokens.user("jo", "norfolk", "analyst"))
            + "\r\nContent-Type: text/csv\r\nContent-Length: "
            + (1024L * 1024 * 1024 + 1)
            + "\r\n\r\nx";
    assertThat(exchange(head))
        .startsWith("HTTP/1.1 413")
        .containsIgnoringCase("content-type: application/problem+json")
        .containsIgnoringCase("cache-control: no-store")
        .contains("\"type\":\"about:blank\"")
        .contains("larger than the 1073741824 bytes this platform accepts");
  }

  @Test
  void aJsonBodyOfUndeclaredLengthIsA411() throws Exception {
    String chunked =
        "POST /api/runs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + TestTokens.sign(TestTokens.user("jo", "norfolk", "analyst"))
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "2\r\n{}\r\n0\r\n\r\n";
    assertThat(exchange(chunked))
        .startsWith("HTTP/1.1 411")
        .containsIgnoringCase("content-type: application/problem+json")
        .contains("https://capenv.org/problems/length-required");
  }

  /**
   * A manifest's YAML or plain text is read whole too: held to the same limit, not to the 1 GiB the
   * HTTP layer allows for uploads.
   */
  @Test
  void aManifestBodyAboveTheLimitIsA413BeforeItIsReadAndOneOfUndeclaredLengthA411()
      throws Exception {
    String token = TestTokens.sign(TestTokens.user("stew", "norfolk", "tool-steward"));
    for (String type : new String[] {"application/yaml", "text/plain; charset=utf-8"}) {
      String head =
          "POST /api/tool-versions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: "
              + type
              + "\r\nContent-Length: "
              + (1024 * 1024 + 1)
              + "\r\n\r\nname: x\n";
      assertThat(exchange(head))
          .as(type)
          .startsWith("HTTP/1.1 413")
          .containsIgnoringCase("content-type: application/problem+json")
          .contains("https://capenv.org/problems/body-too-large");
    }
    String chunked =
        "POST /api/tool-versions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "8\r\nname: x\n\r\n0\r\n\r\n";
    assertThat(exchange(chunked))
        .startsWith("HTTP/1.1 411")
        .contains("https://capenv.org/problems/length-required");
  }

  /** Sends raw request bytes (a head, perhaps part of a body) and reads the start of the answer. */
  private String exchange(String head) throws IOException {
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] buffer = new byte[4096];
      int read = socket.getInputStream().read(buffer);
      return new String(buffer, 0, Math.max(0, read), StandardCharsets.US_ASCII);
    }
  }

  private long count(String query) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(query);
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
