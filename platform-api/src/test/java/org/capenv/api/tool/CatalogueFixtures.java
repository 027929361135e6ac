package org.capenv.api.tool;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.capenv.api.testing.TestTokens;
import org.capenv.catalog.lifecycle.AlgoCareItem;

/** Manifests, callers and requests shared by the catalogue tests. */
final class CatalogueFixtures {
  static final Path MILLER = Path.of("..", "catalog", "manifests", "miller-cdr-stats.yaml");

  private CatalogueFixtures() {}

  /** The shipped miller manifest under a fresh tool name, so each test owns its versions. */
  static String manifest(String name, String forcesLine) throws IOException {
    return Files.readString(MILLER)
        .replace("name: miller-cdr-stats", "name: " + name)
        .replace("  forces: all", "  forces: " + forcesLine);
  }

  /** A YAML request body (REST Assured sends bytes as they are for any content type). */
  static byte[] yaml(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static RequestSpecification as(String username, String force, String... roles) {
    return given().auth().oauth2(TestTokens.sign(TestTokens.user(username, force, roles)));
  }

  static RequestSpecification steward() {
    return as("stella", "norfolk", "tool-steward");
  }

  static String subject(String username) {
    return "sub-" + username;
  }

  /** A complete ALGO-CARE sign-off in {@code role}, every item MET. */
  static Map<String, Object> signOff(String role) {
    List<Map<String, String>> checklist =
        Arrays.stream(AlgoCareItem.values())
            .map(i -> Map.of("item", i.name(), "outcome", "MET", "comment", ""))
            .toList();
    return Map.of("role", role, "checklist", checklist, "comments", "reviewed");
  }

  static String createAndSubmit(String name, String forcesLine) throws IOException {
    steward()
        .contentType("application/yaml")
        .body(yaml(manifest(name, forcesLine)))
        .post("/api/tool-versions")
        .then()
        .statusCode(201);
    steward().post("/api/tool-versions/" + name + "/1.0.0/submit").then().statusCode(200);
    return name;
  }

  static void signs(String reviewer, String role, String name) {
    as(reviewer, "suffolk", role)
        .contentType(ContentType.JSON)
        .body(signOff(role))
        .post("/api/tool-versions/" + name + "/1.0.0/sign-offs")
        .then()
        .statusCode(200);
  }

  /** Submits and approves {@code name} through three distinct reviewers. */
  static void approve(String name, String forcesLine) throws IOException {
    createAndSubmit(name, forcesLine);
    signs("erin", "reviewer-ethics", name);
    signs("ivan", "reviewer-information", name);
    signs("sam", "reviewer-security", name);
  }
}
