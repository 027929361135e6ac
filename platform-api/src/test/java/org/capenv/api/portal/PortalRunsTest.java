package org.capenv.api.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.capenv.api.blob.BlobService;
import org.capenv.api.run.service.RunRequest;
import org.capenv.api.run.service.RunService;
import org.capenv.api.security.DataScope;
import org.capenv.api.security.TokenCallerIdentity;
import org.capenv.api.security.Vetting;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.junit.jupiter.api.Test;

/**
 * Runs through the portal: the generated form, CSRF, validation messages with the values kept, a
 * run started and finished in the local sandbox, its download, and visibility across forces.
 */
@QuarkusTest
class PortalRunsTest {
  static final Path CALLS = Path.of("..", "catalog", "samples", "call-records.csv");
  static final String RUN_FORM = "/portal/tools/miller-cdr-stats/1.0.0/run";

  @Inject RunService runs;
  @Inject BlobService blobs;
  @Inject PostgresAuditStore auditLog;

  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk"),
        @Claim(key = "vetting", value = "NPPV2")
      })
  void formIsGeneratedFromTheParameterSchema() {
    String form = given().get(RUN_FORM).then().statusCode(200).extract().asString();
    assertThat(form)
        .contains("<label class=\"govuk-label govuk-label--s\" for=\"param-group_by\">Group by")
        .contains("Comma-separated names of the numeric fields to summarise.")
        .contains("name=\"param.fields\"", "value=\"duration_s\"")
        .contains("name=\"file.records\"", "accept=\"text/csv\"")
        .contains("name=\"purpose\"", "name=\"caseReference\"")
        .contains("value=\"OFFICIAL\"", "value=\"OFFICIAL-SENSITIVE\"")
        // the tool's ceiling is OFFICIAL-SENSITIVE: SECRET is not offered
        .doesNotContain("value=\"SECRET\"")
        .contains("What will be recorded")
        .containsPattern("name=\"csrf-token\" value=\"[A-Za-z0-9_-]{20,}\"");
    // an enumeration is a set of radios
    assertThat(
            given()
                .get("/portal/tools/exiftool-image-metadata/1.0.0/run")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .contains("class=\"govuk-radios__input\"", "type=\"radio\" value=\"2\"");
  }

  /**
   * A form body that cannot be parsed (multipart cut short, a part without headers or in a charset
   * that does not exist, not multipart inside; a bad URL-encoded escape) fails before any endpoint
   * or CSRF check runs: a 400, as problem+json for the upload script and as an error page for a
   * form, never an unexpected error. More parts than the framework keeps is a 413.
   */
  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk"),
        @Claim(key = "vetting", value = "NPPV2")
      })
  void aMalformedFormBodyIsA400AndOneOfTooManyPartsA413() {
    PortalSession session = new PortalSession();
    session.open(RUN_FORM);
    for (String body :
        new String[] {
          "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc",
          "--XYZ\r\nNoColonHeader\r\n\r\nabc\r\n--XYZ--\r\n",
          "garbage",
          "",
          "--XYZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n"
              + "Content-Type: text/plain; charset=no-such-charset\r\n\r\nabc\r\n--XYZ--\r\n"
        }) {
      byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
      session
          .withCookieOnly()
          .contentType("multipart/form-data; boundary=XYZ")
          .body(bytes)
          .post("/portal/uploads")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", is("https://capenv.org/problems/malformed-body"));
      session
          .withCookieOnly()
          .contentType("multipart/form-data; boundary=XYZ")
          .body(bytes)
          .post(RUN_FORM)
          .then()
          .statusCode(400)
          .contentType(containsString("text/html"))
          .body(containsString("not a well-formed form"));
    }
    // more parts than the framework keeps (quarkus.http.limits.max-parameters, 1000): a 413
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      many.append("--XYZ\r\nContent-Disposition: form-data; name=\"f")
          .append(i)
          .append("\"\r\n\r\nx\r\n");
    }
    many.append("--XYZ--\r\n");
    session
        .withCookieOnly()
        .contentType("multipart/form-data; boundary=XYZ")
        .body(many.toString().getBytes(StandardCharsets.US_ASCII))
        .post("/portal/uploads")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", is("https://capenv.org/problems/body-too-large"));
    // a URL-encoded form: a bad percent escape is a 400, too many fields a 413
    String cancel = "/portal/runs/00000000-0000-4000-8000-000000000000/cancel";
    session
        .withCookieOnly()
        .contentType("application/x-www-form-urlencoded")
        .body("csrf-token=" + session.token() + "&x=%zz%")
        .post(cancel)
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("not a well-formed form"));
    StringBuilder fields = new StringBuilder("csrf-token=" + session.token());
    for (int i = 0; i < 1001; i++) {
      fields.append("&p").append(i).append("=x");
    }
    session
        .withCookieOnly()
        .contentType("application/x-www-form-urlencoded")
        .body(fields.toString())
        .post(cancel)
        .then()
        .statusCode(413);
  }

  /**
   * A field given twice is ambiguous: the framework would take its first value. Refused with 400
   * naming it, multipart or URL-encoded, before the endpoint: no run, no upload, no audit entry.
   */
  @Test
  @TestSecurity(user = "sub-rhea", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-rhea"),
        @Claim(key = "preferred_username", value = "rhea"),
        @Claim(key = "force", value = "norfolk"),
        @Claim(key = "vetting", value = "NPPV2")
      })
  void aFormThatRepeatsAFieldIsRefusedAndNothingIsRecorded() throws IOException {
    PortalSession session = new PortalSession();
    session.open(RUN_FORM);
    // a run form that would otherwise start a run with the first purpose
    String page =
        session
            .multipart()
            .multiPart("file.records", "calls.csv", Files.readAllBytes(CALLS), "text/csv")
            .multiPart("param.fields", "duration_s")
            .multiPart("purpose", "Summarise call records for the investigation")
            .multiPart("purpose", "Something else entirely")
            .multiPart("caseReference", "OP-KESTREL/2026/7")
            .multiPart("classification", "OFFICIAL")
            .post(RUN_FORM)
            .then()
            .statusCode(400)
            .contentType(containsString("text/html"))
            .extract()
            .asString();
    assertThat(page).contains("Malformed request body", "&quot;purpose&quot; more than once");
    // two values of one field, one of them a file part: the upload script's endpoint answers JSON
    session
        .multipart()
        .multiPart("file", "calls.csv", Files.readAllBytes(CALLS), "text/csv")
        .multiPart("file", "other.csv", "a,b\n".getBytes(StandardCharsets.UTF_8), "text/csv")
        .post("/portal/uploads")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", is("https://capenv.org/problems/malformed-body"))
        .body("errors[0].field", is("file"));
    // a URL-encoded form, every repeated field named; the CSRF token given twice counts too
    session
        .form()
        .formParam("reason", "a", "b")
        .formParam("csrf-token", session.token())
        .post("/portal/runs/00000000-0000-4000-8000-000000000000/cancel")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("&quot;csrf-token&quot;, &quot;reason&quot; more than once"));
    assertThat(auditLog.search(AuditQuery.all(10).withActorSubject("sub-rhea")).entries())
        .isEmpty();
    // the same run form with each field once is accepted
    session
        .multipart()
        .multiPart("file.records", "calls.csv", Files.readAllBytes(CALLS), "text/csv")
        .multiPart("param.fields", "duration_s")
        .multiPart("purpose", "Summarise call records for the investigation")
        .multiPart("caseReference", "OP-KESTREL/2026/7")
        .multiPart("classification", "OFFICIAL")
        .post(RUN_FORM)
        .then()
        .statusCode(303);
    assertThat(auditLog.search(AuditQuery.all(10).withActorSubject("sub-rhea")).entries())
        .isNotEmpty();
  }

  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk"),
        @Claim(key = "vetting", value = "NPPV2")
      })
  void formWithoutItsCsrfTokenIsRefused() throws IOException {
    PortalSession session = new PortalSession();
    session.open(RUN_FORM);
    session
        .withCookieOnly()
        .multiPart("file.records", "calls.csv", Files.readAllBytes(CALLS), "text/csv")
        .multiPart("purpose", "A purpose")
        .post(RUN_FORM)
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("security token"));
    session
        .withCookieOnly()
        .multiPart("file", "calls.csv", Files.readAllBytes(CALLS), "text/csv")
        .post("/portal/uploads")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("security token"));
    // neither does a post without a body or a media type
    session
        .withCookieOnly()
        .post("/portal/runs/00000000-0000-0000-0000-000000000000/cancel")
        .then()
        .statusCode(
            org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(400), org.hamcrest.Matchers.is(415)));
    // a JSON body does not slip past the check: the portal's forms accept forms only
    session
        .withCookieOnly()
        .header("X-CSRF-TOKEN", session.token())
        .contentType("application/json")
        .body("{}")
        .post(RUN_FORM)
        .then()
        .statusCode(415);
  }

  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk"),
        @Claim(key = "vetting", value = "NPPV2")
      })
  void invalidValuesAreExplainedNextToTheirFieldsAndKept() throws IOException {
    PortalSession session = new PortalSession();
    session.open(RUN_FORM);
    String sha256 =
        session
            .multipart()
            .multiPart("file", "calls.csv", Files.readAllBytes(CALLS), "text/csv")
            .post("/portal/uploads")
            .then()
            .statusCode(201)
            .extract()
            .path("sha256");
    assertThat(sha256).isEqualTo(sha256(Files.readAllBytes(CALLS)));
    String page =
        session
            .multipart()
            .multiPart("input.records", sha256)
            .multiPart("param.fields", "duration_s; rm -rf /")
            .multiPart("purpose", "")
            .multiPart("caseReference", "OP-KESTREL/2026/7")
            .multiPart("classification", "OFFICIAL")
            .post(RUN_FORM)
            .then()
            .statusCode(422)
            .contentType(containsString("text/html"))
            .extract()
            .asString();
    assertThat(page)
        .contains("govuk-error-summary", "href=\"#param-fields\"", "href=\"#purpose\"")
        .contains("id=\"param-fields-error\"", "id=\"purpose-error\"")
        // the values are kept, the uploaded file too
        .contains("value=\"duration_s; rm -rf /\"", "value=\"OP-KESTREL/2026/7\"")
        .contains("name=\"input.records\" value=\"" + sha256 + "\"");
  }

  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk"),
        @Claim(key = "vetting", value = "NPPV2")
      })
  void analystRunsAToolWithoutScriptsAndDownloadsItsOutput() throws IOException {
    PortalSession session = new PortalSession();
    session.open(RUN_FORM);
    Response started =
        session
            .multipart()
            .multiPart("file.records", "calls.csv", Files.readAllBytes(CALLS), "text/csv")
            .multiPart("param.fields", "duration_s")
            .multiPart("param.group_by", "caller")
            .multiPart("param.statistics", "count,sum")
            .multiPart("purpose", "Summarise call records for the investigation")
            .multiPart("caseReference", "OP-KESTREL/2026/7")
            .multiPart("classification", "OFFICIAL-SENSITIVE")
            .post(RUN_FORM);
    started
        .then()
        .statusCode(303)
        .header("Location", matchesPattern(".*/portal/runs/[0-9a-f-]{36}"));
    String runPage = started.getHeader("Location").replaceAll("^https?://[^/]+", "");
    assertThat(awaitEnd(runPage)).isEqualTo("COMPLETED");
    String page = given().get(runPage).then().statusCode(200).extract().asString();
    assertThat(page).contains("COMPLETED", "Download summary", "Summarise call records");
    // the logs page of an ended run says so; its script reads the same logs as JSON
    assertThat(given().get(runPage + "/logs").then().statusCode(200).extract().asString())
        .contains("these are its final logs", "data-finished=\"true\"");
    given()
        .accept("application/json")
        .get(runPage + "/logs/content")
        .then()
        .statusCode(200)
        .contentType(containsString("application/json"))
        .body("stdout", notNullValue())
        .body("stderr", notNullValue())
        .body("truncated", is(false));
    Response download = given().get(runPage + "/outputs/summary");
    download.then().statusCode(200);
    byte[] bytes = download.asByteArray();
    assertThat(download.getHeader("X-Content-SHA256")).isEqualTo(sha256(bytes));
    assertThat(new String(bytes)).contains("duration_s_sum");
    assertThat(given().get("/portal/runs").then().statusCode(200).extract().asString())
        .contains(runPage);
    // the cancel form passes the CSRF check and reaches the service, which says it has ended
    session.open(runPage);
    session
        .form()
        .post(runPage + "/cancel")
        .then()
        .statusCode(409)
        .contentType(containsString("text/html"))
        .body(containsString("already ended"));
  }

  @Test
  @TestSecurity(user = "sub-sam", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-sam"),
        @Claim(key = "preferred_username", value = "sam"),
        @Claim(key = "force", value = "suffolk"),
        @Claim(key = "vetting", value = "NPPV2")
      })
  void anotherForcesRunIsNotFound() throws IOException {
    String id = norfolkRun();
    for (String path : new String[] {"", "/status", "/logs", "/logs/content", "/outputs/summary"}) {
      given()
          .get("/portal/runs/" + id + path)
          .then()
          .statusCode(404)
          .body(
              path.equals("/status") || path.equals("/logs/content")
                  ? containsString("run-not-found")
                  : containsString("Page not found"));
    }
    PortalSession session = new PortalSession();
    session.open(RUN_FORM);
    session.form().post("/portal/runs/" + id + "/cancel").then().statusCode(404);
    assertThat(given().get("/portal/runs").then().statusCode(200).extract().asString())
        .doesNotContain(id);
  }

  /** A run started by a Norfolk analyst, through the service as the REST API starts one. */
  private String norfolkRun() throws IOException {
    TokenCallerIdentity nora =
        new TokenCallerIdentity(
            "sub-nora-2",
            "nora2",
            Optional.of("norfolk"),
            Vetting.NPPV2,
            DataScope.FORCE,
            Set.of("analyst"),
            Optional.of("portal"),
            false);
    String sha256 =
        blobs
            .upload(nora, new ByteArrayInputStream(Files.readAllBytes(CALLS)), "text/csv")
            .sha256();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("tool", "miller-cdr-stats").put("version", "1.0.0");
    body.putObject("inputs").put("records", sha256);
    body.put("purpose", "p").put("caseReference", "OP-1").put("classification", "OFFICIAL");
    RunRequest request =
        new RunRequest(
            "miller-cdr-stats", "1.0.0", null, Map.of("records", sha256), "p", "OP-1", "OFFICIAL");
    return runs.submit(nora, body, request, null).run().id();
  }

  /** Polls the page's status endpoint, as its script does, until the run has ended. */
  static String awaitEnd(String runPage) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Response status = given().get(runPage + "/status");
      status.then().statusCode(200);
      if (status.<Boolean>path("finished")) {
        return status.path("state");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the run did not end within 60 s");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
