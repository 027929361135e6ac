package org.capenv.api.run;

import static org.capenv.api.run.RunFixtures.as;

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
import java.util.regex.Pattern;
import org.capenv.catalog.lifecycle.AlgoCareItem;

/**
 * Tool versions made for a run test through the catalogue's own lifecycle (steward submits, three
 * reviewers sign off): a copy of the shipped miller manifest under a fresh name whose local command
 * is replaced, e.g. by one that runs long enough to be cancelled while it runs.
 */
final class RunToolFixtures {
  static final Path MILLER = Path.of("..", "catalog", "manifests", "miller-cdr-stats.yaml");

  /** The local argv of the shipped manifest, from {@code local:} up to {@code parameters:}. */
  private static final Pattern LOCAL_COMMAND =
      Pattern.compile("(?s)  local:\\n.*?(?=^parameters:)", Pattern.MULTILINE);

  private RunToolFixtures() {}

  static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The miller manifest renamed, its local command replaced by {@code argv}. */
  static String manifest(String name, List<String> argv) throws IOException {
    StringBuilder local = new StringBuilder("  local:\n");
    argv.forEach(a -> local.append("    - \"").append(a).append("\"\n"));
    return LOCAL_COMMAND
        .matcher(Files.readString(MILLER).replace("name: miller-cdr-stats", "name: " + name))
        .replaceFirst(local.toString().replace("$", "\\$"));
  }

  static RequestSpecification steward() {
    return as("stella", "norfolk", "tool-steward");
  }

  /** Creates and submits the version for review (not yet approved). */
  static void submit(String name, List<String> argv) throws IOException {
    steward()
        .contentType("application/yaml")
        .body(manifest(name, argv).getBytes(StandardCharsets.UTF_8))
        .post("/api/tool-versions")
        .then()
        .statusCode(201);
    steward().post("/api/tool-versions/" + name + "/1.0.0/submit").then().statusCode(200);
  }

  /** Submits and approves the version through three distinct reviewers. */
  static void approve(String name, List<String> argv) throws IOException {
    submit(name, argv);
    signs("erin", "reviewer-ethics", name);
    signs("ivan", "reviewer-information", name);
    signs("sam", "reviewer-security", name);
  }

  static void suspend(String name) {
    as("sam", "suffolk", "reviewer-security")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "suspended by a run test"))
        .post("/api/tool-versions/" + name + "/1.0.0/suspend")
        .then()
        .statusCode(200);
  }

  private static void signs(String reviewer, String role, String name) {
    List<Map<String, String>> checklist =
        Arrays.stream(AlgoCareItem.values())
            .map(i -> Map.of("item", i.name(), "outcome", "MET", "comment", ""))
            .toList();
    as(reviewer, "suffolk", role)
        .contentType(ContentType.JSON)
        .body(Map.of("role", role, "checklist", checklist, "comments", "reviewed"))
        .post("/api/tool-versions/" + name + "/1.0.0/sign-offs")
        .then()
        .statusCode(200);
  }
}
