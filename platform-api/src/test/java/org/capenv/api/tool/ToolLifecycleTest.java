package org.capenv.api.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.tool.CatalogueFixtures.approve;
import static org.capenv.api.tool.CatalogueFixtures.as;
import static org.capenv.api.tool.CatalogueFixtures.createAndSubmit;
import static org.capenv.api.tool.CatalogueFixtures.signOff;
import static org.capenv.api.tool.CatalogueFixtures.signs;
import static org.capenv.api.tool.CatalogueFixtures.steward;
import static org.capenv.api.tool.CatalogueFixtures.uniqueName;
import static org.capenv.api.tool.CatalogueFixtures.yaml;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.capenv.api.tool.service.ToolCatalogueService;
import org.capenv.audit.entry.Action;
import org.capenv.audit.entry.AuditEntry;
import org.capenv.audit.entry.Outcome;
import org.capenv.audit.store.AuditQuery;
import org.capenv.audit.store.PostgresAuditStore;
import org.capenv.audit.store.StoredEntry;
import org.junit.jupiter.api.Test;

/**
 * The review lifecycle through the API: four eyes, suspension, rejection, and their audit trail.
 */
@QuarkusTest
class ToolLifecycleTest {
  @Inject PostgresAuditStore auditLog;
  @Inject ToolCatalogueService catalogue;
  @Inject AgroalDataSource dataSource;

  private List<AuditEntry> audited(String name) {
    return auditLog
        .search(AuditQuery.all(AuditQuery.MAX_LIMIT).withToolName(name))
        .entries()
        .stream()
        .map(StoredEntry::entry)
        .toList();
  }

  @Test
  void threeDistinctReviewersApproveAndEveryStepIsAuditedInOrder() throws Exception {
    String name = uniqueName("lifecycle");
    createAndSubmit(name, "all");
    signs("erin", "reviewer-ethics", name);
    signs("ivan", "reviewer-information", name);
    as("reviewer-sam", "suffolk", "reviewer-security")
        .contentType(ContentType.JSON)
        .body(signOff("reviewer-security"))
        .post("/api/tool-versions/" + name + "/1.0.0/sign-offs")
        .then()
        .statusCode(200)
        .body("state", equalTo("APPROVED"))
        .body("signOffs.size()", equalTo(3));

    assertThat(audited(name))
        .extracting(AuditEntry::action)
        .containsExactly(
            Action.CONFIG_CHANGED,
            Action.TOOL_VERSION_SUBMITTED,
            Action.TOOL_VERSION_REVIEWED,
            Action.TOOL_VERSION_REVIEWED,
            Action.TOOL_VERSION_REVIEWED,
            Action.TOOL_VERSION_APPROVED);
    AuditEntry approved = audited(name).get(5);
    assertThat(approved.actor().subject()).isEqualTo("sub-reviewer-sam");
    assertThat(approved.details())
        .containsEntry("from", "IN_REVIEW")
        .containsEntry("to", "APPROVED")
        .containsKey("manifestDigest");
    assertThat(approved.details().get("signers").split(","))
        .containsExactlyInAnyOrder("sub-erin", "sub-ivan", "sub-reviewer-sam");
    assertThat(catalogue.runnableManifest(name, "1.0.0")).isPresent();
  }

  @Test
  void theSubmitterCannotSignOffTheirOwnVersionAndTheRefusalIsAudited() throws Exception {
    String name = uniqueName("four-eyes");
    String manifest = CatalogueFixtures.manifest(name, "all");
    as("dual", "norfolk", "tool-steward", "reviewer-ethics")
        .contentType("application/yaml")
        .body(yaml(manifest))
        .post("/api/tool-versions")
        .then()
        .statusCode(201);
    as("dual", "norfolk", "tool-steward", "reviewer-ethics")
        .post("/api/tool-versions/" + name + "/1.0.0/submit")
        .then()
        .statusCode(200);

    as("dual", "norfolk", "tool-steward", "reviewer-ethics")
        .contentType(ContentType.JSON)
        .body(signOff("reviewer-ethics"))
        .post("/api/tool-versions/" + name + "/1.0.0/sign-offs")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("submitter can never sign off"));

    AuditEntry refusal = audited(name).get(audited(name).size() - 1);
    assertThat(refusal.action()).isEqualTo(Action.TOOL_VERSION_REVIEWED);
    assertThat(refusal.outcome()).isEqualTo(Outcome.DENIED);
    assertThat(refusal.actor().subject()).isEqualTo("sub-dual");
  }

  @Test
  void onePersonInTwoRolesCountsOnce() throws Exception {
    String name = uniqueName("two-hats");
    createAndSubmit(name, "all");
    signs("hattie", "reviewer-ethics", name);
    // the same person, now signing in a second role: recorded, but not a second pair of eyes
    as("hattie", "suffolk", "reviewer-ethics", "reviewer-information")
        .contentType(ContentType.JSON)
        .body(signOff("reviewer-information"))
        .post("/api/tool-versions/" + name + "/1.0.0/sign-offs")
        .then()
        .statusCode(200)
        .body("state", equalTo("IN_REVIEW"));
    signs("sam", "reviewer-security", name);
    steward()
        .get("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .body("state", equalTo("IN_REVIEW"))
        .body("signOffs.size()", equalTo(3));

    signs("ivan", "reviewer-information", name);
    steward()
        .get("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .body("state", equalTo("APPROVED"));
  }

  @Test
  void aSignOffWithoutTheRoleItNamesIsRefused() throws Exception {
    String name = uniqueName("wrong-role");
    createAndSubmit(name, "all");
    as("erin", "suffolk", "reviewer-ethics")
        .contentType(ContentType.JSON)
        .body(signOff("reviewer-security"))
        .post("/api/tool-versions/" + name + "/1.0.0/sign-offs")
        .then()
        .statusCode(403)
        .body("detail", containsString("does not hold the role"));
  }

  @Test
  void anIncompleteChecklistIsUnprocessable() throws Exception {
    String name = uniqueName("checklist");
    createAndSubmit(name, "all");
    as("erin", "suffolk", "reviewer-ethics")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "role",
                "reviewer-ethics",
                "checklist",
                List.of(Map.of("item", "LAWFUL", "outcome", "NOT_MET", "comment", "")),
                "comments",
                ""))
        .post("/api/tool-versions/" + name + "/1.0.0/sign-offs")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("needs a comment"))
        .body("detail", containsString("does not answer"));
  }

  @Test
  void suspensionStopsNewRunsAtOnceAndReinstatementNeedsAFreshRound() throws Exception {
    String name = uniqueName("suspend");
    approve(name, "all");
    as("ana", "norfolk", "analyst").get("/api/tools").then().body("name", hasItem(name));

    as("sam", "suffolk", "reviewer-security")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "vulnerability reported in the image"))
        .post("/api/tool-versions/" + name + "/1.0.0/suspend")
        .then()
        .statusCode(200)
        .body("state", equalTo("SUSPENDED"))
        .body("reviewRound", equalTo(2));
    as("ana", "norfolk", "analyst").get("/api/tools").then().body("name", not(hasItem(name)));
    assertThat(catalogue.runnableManifest(name, "1.0.0")).isEmpty();

    signs("erin", "reviewer-ethics", name);
    signs("ivan", "reviewer-information", name);
    steward()
        .get("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .body("state", equalTo("SUSPENDED"));
    signs("sam", "reviewer-security", name);
    steward()
        .get("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .body("state", equalTo("APPROVED"));
    assertThat(audited(name))
        .filteredOn(e -> e.action() == Action.TOOL_VERSION_SUSPENDED)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details())
                    .containsEntry("reason", "vulnerability reported in the image"));
  }

  @Test
  void rejectionNeedsAReasonAndIsFinal() throws Exception {
    String name = uniqueName("reject");
    createAndSubmit(name, "all");
    as("erin", "suffolk", "reviewer-ethics")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", " "))
        .post("/api/tool-versions/" + name + "/1.0.0/reject")
        .then()
        .statusCode(422);
    as("erin", "suffolk", "reviewer-ethics")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "no DPIA for this use"))
        .post("/api/tool-versions/" + name + "/1.0.0/reject")
        .then()
        .statusCode(200)
        .body("state", equalTo("REJECTED"));
    steward()
        .post("/api/tool-versions/" + name + "/1.0.0/submit")
        .then()
        .statusCode(409)
        .body("detail", containsString("final"));
    // a rejected version is not published: an analyst cannot see it at all
    as("ana", "norfolk", "analyst")
        .get("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .statusCode(404);
  }

  @Test
  void retirementIsForStewardsAndAdminsAndKeepsTheVersionReadable() throws Exception {
    String name = uniqueName("retire");
    approve(name, "all");
    as("erin", "suffolk", "reviewer-ethics")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "superseded"))
        .post("/api/tool-versions/" + name + "/1.0.0/retire")
        .then()
        .statusCode(403);
    as("admin", "norfolk", "platform-admin")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "superseded by 2.0.0"))
        .post("/api/tool-versions/" + name + "/1.0.0/retire")
        .then()
        .statusCode(200)
        .body("state", equalTo("RETIRED"));
    as("ana", "norfolk", "analyst")
        .get("/api/tool-versions/" + name + "/1.0.0")
        .then()
        .statusCode(200)
        .body("state", equalTo("RETIRED"))
        .body("transparency.purpose", containsString("call-data records"));
  }

  @Test
  void suspensionReportsTheRunsStillGoing() throws Exception {
    String name = uniqueName("suspend-active");
    approve(name, "all");
    String runId = UUID.randomUUID().toString();
    // a run of this version in progress, as the runs service records one
    sql(
        "insert into tool_run (id, state, tool_name, tool_version, image, manifest_digest,"
            + " success_exit_codes, parameters, parameters_digest, inputs, purpose,"
            + " case_reference, classification, owner_subject, force, policy_digest,"
            + " policy_rules, policy_messages, request_digest, created_at, updated_at)"
            + " values (?, 'RUNNING', ?, '1.0.0', 'img', 'sha256:x', '[0]', '{}', 'd', '[]',"
            + " 'p', 'OP-1', 'OFFICIAL', 'sub-owner', 'norfolk', 'sha256:p', '[]', '[]', 'r',"
            + " now(), now())",
        runId,
        name);
    try {
      as("sam", "suffolk", "reviewer-security")
          .contentType(ContentType.JSON)
          .body(Map.of("reason", "under investigation"))
          .post("/api/tool-versions/" + name + "/1.0.0/suspend")
          .then()
          .statusCode(200)
          .body("state", equalTo("SUSPENDED"))
          .body("activeRuns", contains(runId));
      assertThat(audited(name))
          .filteredOn(e -> e.action() == Action.TOOL_VERSION_SUSPENDED)
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("activeRuns", runId));
    } finally {
      sql("delete from tool_run where id = ? and tool_name = ?", runId, name);
    }
  }

  private void sql(String statement, String... values) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < values.length; i++) {
        s.setString(i + 1, values[i]);
      }
      s.executeUpdate();
    }
  }
}
