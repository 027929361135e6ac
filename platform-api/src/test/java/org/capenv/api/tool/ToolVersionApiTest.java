package org.capenv.api.tool;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.capenv.api.tool.CatalogueFixtures.approve;
import static org.capenv.api.tool.CatalogueFixtures.as;
import static org.capenv.api.tool.CatalogueFixtures.createAndSubmit;
import static org.capenv.api.tool.CatalogueFixtures.manifest;
import static org.capenv.api.tool.CatalogueFixtures.steward;
import static org.capenv.api.tool.CatalogueFixtures.uniqueName;
import static org.capenv.api.tool.CatalogueFixtures.yaml;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.capenv.audit.entry.Action;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.capenv.catalog.lifecycle.VersionState;
import org.junit.jupiter.api.Test;

/** Manifest submission, visibility and authorisation of the catalogue endpoints. */
@QuarkusTest
class ToolVersionApiTest {
  @Inject AgroalDataSource dataSource;
  @Inject PostgresAuditStore auditLog;

  @Test
  void theShippedCatalogueIsBootstrappedAsApprovedAndTheLogSaysSo() {
    as("ana", "norfolk", "analyst")
        .get("/api/tools")
        .then()
        .statusCode(200)
        .body("name", hasItems("miller-cdr-stats", "exiftool-image-metadata"));
    assertThat(
            auditLog
                .search(
                    AuditQuery.all(10)
                        .withToolName("miller-cdr-stats")
                        .withAction(Action.TOOL_VERSION_APPROVED))
                .entries())
        .map(StoredEntry::entry)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor().subject()).isEqualTo("system:bootstrap");
              assertThat(e.details()).containsEntry("bootstrap", "true");
            });
  }

  @Test
  void anInvalidManifestIsRefusedWithTheFieldAndTheRule() throws Exception {
    String broken =
        manifest(uniqueName("broken"), "all")
            .replaceFirst("@sha256:[0-9a-f]{64}", ":latest")
            .replace("version: 1.0.0", "version: one");
    steward()
        .contentType("application/yaml")
        .body(yaml(broken))
        .post("/api/tool-versions")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.field", hasItems("/image", "/version"));
  }

  @Test
  void malformedYamlIsAClientError() {
    steward()
        .contentType("application/yaml")
        .body(yaml("name: [unclosed"))
        .post("/api/tool-versions")
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
  }

  @Test
  void aVersionExistsOnceAndAChangeIsANewVersion() throws Exception {
    String name = uniqueName("dup");
    String text = manifest(name, "all");
    steward()
        .contentType("application/yaml")
        .body(yaml(text))
        .post("/api/tool-versions")
        .then()
        .statusCode(201);
    steward()
        .contentType("application/yaml")
        .body(yaml(text))
        .post("/api/tool-versions")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void onlyStewardsSubmit() throws Exception {
    String text = manifest(uniqueName("nosteward"), "all");
    given()
        .contentType("application/yaml")
        .body(yaml(text))
        .post("/api/tool-versions")
        .then()
        .statusCode(401);
    as("ana", "norfolk", "analyst")
        .contentType("application/yaml")
        .body(yaml(text))
        .post("/api/tool-versions")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as("erin", "suffolk", "reviewer-ethics")
        .contentType("application/yaml")
        .body(yaml(text))
        .post("/api/tool-versions")
        .then()
        .statusCode(403);
  }

  @Test
  void onlyTheOwnStewardSubmitsADraft() throws Exception {
    String name = uniqueName("owner");
    steward()
        .contentType("application/yaml")
        .body(yaml(manifest(name, "all")))
        .post("/api/tool-versions");
    as("other", "suffolk", "tool-steward")
        .post("/api/tool-versions/" + name + "/1.0.0/submit")
        .then()
        .statusCode(403)
        .body("detail", containsString("own steward"));
  }

  @Test
  void aSubmittedManifestIsImmutableInTheApiAndInTheDatabase() throws Exception {
    String name = uniqueName("frozen");
    createAndSubmit(name, "all");
    steward()
        .contentType("application/yaml")
        .body(yaml(manifest(name, "all").replace("timeoutSeconds: 600", "timeoutSeconds: 60")))
        .put("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .statusCode(409)
        .body("detail", containsString("immutable"));
    assertThatThrownBy(() -> sql("update tool_version set manifest = 'x' where name = ?", name))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("immutable");
    assertThatThrownBy(() -> sql("delete from tool_version where name = ?", name))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("readable for audit");
  }

  @Test
  void draftsAreVisibleToCuratorsOnly() throws Exception {
    String name = uniqueName("draft");
    steward()
        .contentType("application/yaml")
        .body(yaml(manifest(name, "all")))
        .post("/api/tool-versions");
    as("ana", "norfolk", "analyst")
        .get("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .statusCode(404);
    as("ana", "norfolk", "analyst")
        .get("/api/tool-versions")
        .then()
        .body("name", not(hasItem(name)));
    as("erin", "suffolk", "reviewer-ethics")
        .get("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .statusCode(200)
        .body("state", equalTo("DRAFT"));
    as("audrey", "norfolk", "auditor")
        .get("/api/tool-versions?state=DRAFT")
        .then()
        .statusCode(200)
        .body("name", hasItem(name));
  }

  /** A state filter of the wrong form is a 400 naming it; every state is a filter. */
  @Test
  void theStateFilterTakesEveryStateAndNothingElse() {
    for (String bad : new String[] {"NOPE", "approved", "APPROVED,DRAFT"}) {
      as("audrey", "norfolk", "auditor")
          .queryParam("state", bad)
          .get("/api/tool-versions")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("state"));
    }
    for (VersionState state : VersionState.values()) {
      as("audrey", "norfolk", "auditor")
          .queryParam("state", state.name())
          .get("/api/tool-versions")
          .then()
          .statusCode(200);
    }
  }

  @Test
  void theCatalogueListsOnlyToolsTheCallersForceAndRolesMayRun() throws Exception {
    String name = uniqueName("norfolk-only");
    approve(name, "[norfolk]");
    as("ana", "norfolk", "analyst").get("/api/tools").then().body("name", hasItem(name));
    as("bob", "suffolk", "analyst").get("/api/tools").then().body("name", not(hasItem(name)));
    as("audrey", "norfolk", "auditor").get("/api/tools").then().body("name", not(hasItem(name)));
    as("ana", "norfolk", "analyst")
        .get("/api/tools?q=" + name)
        .then()
        .body("name", hasItem(name))
        .body("size()", equalTo(1));
  }

  @Test
  void theManifestSchemaIsPublished() {
    as("ana", "norfolk", "analyst")
        .get("/api/tools/manifest-schema")
        .then()
        .statusCode(200)
        .body("properties.image", notNullValue());
  }

  private void sql(String statement, String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, name);
      s.executeUpdate();
    }
  }
}
