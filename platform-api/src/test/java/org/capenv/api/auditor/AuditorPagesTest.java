package org.capenv.api.auditor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The auditor's pages answer people, not scripts: a bad filter is explained on a page, and when the
 * audit log cannot record the auditor's own consultation, nothing is shown (fail closed) and the
 * page says the service is unavailable. The log is made unavailable for this test's auditor only,
 * by a trigger dropped in {@code finally} (as in the runs' fail-closed test).
 */
@QuarkusTest
class AuditorPagesTest {
  private static final String BLOCK =
      "create trigger auditor_pages_test_block before insert on audit_entry for each row"
          + " when (new.actor_subject = 'sub-avery') execute function audit_refuse_change()";
  private static final String UNBLOCK =
      "drop trigger if exists auditor_pages_test_block on audit_entry";

  @Inject AgroalDataSource dataSource;

  @Test
  @TestSecurity(user = "sub-avery", roles = "auditor")
  @OidcSecurity(
      claims = {
        @Claim(key = "sub", value = "sub-avery"),
        @Claim(key = "preferred_username", value = "avery"),
        @Claim(key = "force", value = "norfolk")
      })
  void badFiltersAreExplainedOnPagesAndAnUnavailableLogShowsNothing() throws Exception {
    given()
        .get("/portal/audit?from=yesterday")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(containsString("There is a problem with the search"))
        .body(containsString("href=\"#from\""));
    // an export address edited by hand gets a page too, never problem+json in the browser
    given()
        .get("/portal/audit/export?from=yesterday&format=csv")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"))
        .body(not(containsString("\"status\"")));
    given()
        .get("/portal/audit/export?format=xml")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"));

    long before = count();
    sql(BLOCK);
    try {
      for (String path :
          new String[] {"/portal/audit?force=norfolk", "/portal/audit/export?format=jsonl"}) {
        given()
            .get(path)
            .then()
            .statusCode(503)
            .contentType(containsString("text/html"))
            .body(not(containsString("id=\"results\"")))
            .body(not(containsString("\"status\"")));
      }
    } finally {
      sql(UNBLOCK);
    }
    assertThat(count()).isEqualTo(before);
    // with the log back, the same search is served (and recorded)
    given()
        .get("/portal/audit?force=norfolk")
        .then()
        .statusCode(200)
        .body(containsString("<h2>Entries</h2>"));
    assertThat(count()).isEqualTo(before + 1);
  }

  private void sql(String statement) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private long count() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from audit_entry where actor_subject = 'sub-avery'");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }
}
