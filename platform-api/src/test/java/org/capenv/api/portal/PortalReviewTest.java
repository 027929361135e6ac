package org.capenv.api.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.capenv.api.security.DataScope;
import org.capenv.api.security.TokenCallerIdentity;
import org.capenv.api.security.Vetting;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.catalog.lifecycle.AlgoCareItem;
import org.capenv.catalog.lifecycle.LifecycleAction;
import org.junit.jupiter.api.Test;

/** Stewards' and reviewers' pages: manifest submission, the inbox, sign-off and its refusals. */
@QuarkusTest
class PortalReviewTest {
  static final Path MILLER = Path.of("..", "catalog", "manifests", "miller-cdr-stats.yaml");

  @Inject ToolCatalogueService catalogue;

  static String manifest(String version) throws IOException {
    return Files.readString(MILLER).replace("version: 1.0.0", "version: " + version);
  }

  @Test
  @TestSecurity(
      user = "sub-pat",
      roles = {"tool-steward", "reviewer-security"})
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-pat"),
        @Claim(key = "preferred_username", value = "pat"),
        @Claim(key = "force", value = "norfolk")
      })
  void aStewardWhoReviewsCannotSignOffTheirOwnSubmission() throws IOException {
    PortalSession session = new PortalSession();
    session.open("/portal/review/submit").then().statusCode(200);
    String refused =
        session
            .multipart()
            .multiPart("manifest", manifest("2.0.0-bad").replace("licence: BSD-2-Clause\n", ""))
            .post("/portal/review/submit")
            .then()
            .statusCode(422)
            .extract()
            .asString();
    assertThat(refused).contains("The manifest was not accepted", "licence");

    String version = "2.0.0-own-" + UUID.randomUUID().toString().substring(0, 8);
    session
        .multipart()
        .multiPart("manifestFile", "miller.yaml", manifest(version).getBytes(), "application/yaml")
        .post("/portal/review/submit")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/tools/miller-cdr-stats/" + version));
    String inbox = given().get("/portal/review").then().statusCode(200).extract().asString();
    assertThat(inbox).contains("miller-cdr-stats " + version, "You submitted this version");

    String form = "/portal/review/miller-cdr-stats/" + version;
    session.open(form).then().statusCode(200).body(containsString("You submitted this version"));
    String page =
        allMet(session.multipart().multiPart("role", "reviewer-security"))
            .post(form)
            .then()
            .statusCode(403)
            .contentType(containsString("text/html"))
            .extract()
            .asString();
    assertThat(page).contains("The sign-off was refused", "submitter");
    assertThat(catalogue.get(steward(), "miller-cdr-stats", version).signOffs()).isEmpty();
  }

  @Test
  @TestSecurity(user = "sub-eve", roles = "reviewer-ethics")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-eve"),
        @Claim(key = "preferred_username", value = "eve"),
        @Claim(key = "force", value = "suffolk")
      })
  void aReviewerSignsOffWithTheChecklistAndMustExplainWhatIsNotMet() throws IOException {
    String version = "2.0.0-rev-" + UUID.randomUUID().toString().substring(0, 8);
    catalogue.createDraft(steward(), manifest(version));
    catalogue.act(steward(), "miller-cdr-stats", version, LifecycleAction.SUBMIT, null);
    String form = "/portal/review/miller-cdr-stats/" + version;
    PortalSession session = new PortalSession();
    assertThat(session.open(form).then().statusCode(200).extract().asString())
        .contains(
            "ALGO-CARE checklist", "outcome.EXPLAINABLE", "value=\"reviewer-ethics\" checked");

    RequestSpecification missingComment = session.multipart().multiPart("role", "reviewer-ethics");
    for (AlgoCareItem item : AlgoCareItem.values()) {
      missingComment.multiPart(
          "outcome." + item, item == AlgoCareItem.ACCURACY ? "NOT_MET" : "MET");
    }
    assertThat(missingComment.post(form).then().statusCode(422).extract().asString())
        .contains("Explain why ACCURACY is not met", "href=\"#item-ACCURACY\"")
        .contains("value=\"NOT_MET\" checked");

    // an answer given twice (MET, then NOT_MET) is ambiguous: refused, nothing signed
    assertThat(
            allMet(session.multipart().multiPart("role", "reviewer-ethics"))
                .multiPart("outcome." + AlgoCareItem.ACCURACY, "NOT_MET")
                .post(form)
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .extract()
                .asString())
        .contains("&quot;outcome.ACCURACY&quot; more than once");
    assertThat(catalogue.get(steward(), "miller-cdr-stats", version).signOffs()).isEmpty();

    allMet(session.multipart().multiPart("role", "reviewer-ethics"))
        .post(form)
        .then()
        .statusCode(303)
        .header("Location", endsWith("/portal/tools/miller-cdr-stats/" + version));
    assertThat(catalogue.get(steward(), "miller-cdr-stats", version).signOffs())
        .singleElement()
        .satisfies(s -> assertThat(s.role()).isEqualTo("reviewer-ethics"));
  }

  @Test
  @TestSecurity(user = "sub-nora", roles = "analyst")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-nora"),
        @Claim(key = "preferred_username", value = "nora"),
        @Claim(key = "force", value = "norfolk")
      })
  void analystsHaveNoReviewOrSubmitPages() {
    given().get("/portal/review").then().statusCode(403).body(containsString("Forbidden"));
    given().get("/portal/review/submit").then().statusCode(403);
  }

  private static RequestSpecification allMet(RequestSpecification form) {
    for (AlgoCareItem item : AlgoCareItem.values()) {
      form.multiPart("outcome." + item, "MET");
    }
    return form;
  }

  private static TokenCallerIdentity steward() {
    return new TokenCallerIdentity(
        "sub-stella",
        "stella",
        Optional.of("norfolk"),
        Vetting.NPPV2,
        DataScope.FORCE,
        Set.of("tool-steward"),
        Optional.of("portal"),
        false);
  }
}
