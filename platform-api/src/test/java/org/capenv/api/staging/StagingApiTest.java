package org.capenv.api.staging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.capenv.api.run.kubernetes.KubeCallers.analyst;
import static org.capenv.api.run.kubernetes.KubeCallers.awaitLaunched;
import static org.capenv.api.run.kubernetes.KubeCallers.calls;
import static org.capenv.api.run.kubernetes.KubeCallers.sha256;
import static org.capenv.api.run.kubernetes.KubeCallers.submit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.capenv.api.run.kubernetes.ClusterSimulator;
import org.capenv.api.run.kubernetes.KubernetesRunnerProfile;
import org.capenv.api.staging.persistence.StagingGrantRepository;
import org.capenv.api.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the staging API: the token is the only credential, good once per name, for its
 * own run and direction, while the run is unfinished; each refusal is a 4xx problem+json.
 */
@QuarkusTest
@TestProfile(KubernetesRunnerProfile.class)
class StagingApiTest {
  private static final String PROBLEM = "application/problem+json";

  @Inject KubernetesClient kubernetes;
  @Inject StagingGrantRepository grants;
  private ClusterSimulator cluster;

  @BeforeEach
  void simulator() {
    cluster = new ClusterSimulator(kubernetes);
  }

  /** A launched run of its own (distinct input bytes), with its Job created. */
  private String launched(RequestSpecification caller, String salt) throws Exception {
    byte[] input = (new String(calls(), StandardCharsets.UTF_8) + salt + "\n").getBytes();
    String id = submit(caller, input);
    cluster.awaitJob(id);
    awaitLaunched(caller, id);
    return id;
  }

  @Test
  void aFetchTokenServesEachInputOnceThenIsRefused() throws Exception {
    String id = launched(analyst("ann", "norfolk"), "reuse");
    String token = cluster.token(id, "fetch-token");
    ClusterSimulator.fetch(id, "records", token).then().statusCode(200);
    ClusterSimulator.fetch(id, "records", token)
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", equalTo("https://capenv.org/problems/staging-token-used"));
  }

  @Test
  void anUploadTokenIsAcceptedOncePerDeclaredOutput() throws Exception {
    String id = launched(analyst("ann", "norfolk"), "upload-twice");
    String token = cluster.token(id, "upload-token");
    ClusterSimulator.upload(id, "summary", token, "one".getBytes()).then().statusCode(201);
    ClusterSimulator.upload(id, "summary", token, "two".getBytes())
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", equalTo("https://capenv.org/problems/staging-token-used"));
  }

  @Test
  void aTokenOfAnotherRunIsRefusedEvenAcrossForces() throws Exception {
    String mine = launched(analyst("ann", "norfolk"), "mine");
    String theirs = launched(analyst("ben", "suffolk"), "theirs");
    ClusterSimulator.fetch(mine, "records", cluster.token(theirs, "fetch-token"))
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    ClusterSimulator.upload(mine, "summary", cluster.token(theirs, "upload-token"), new byte[1])
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    // the refused attempts consumed nothing: the rightful tokens still work
    ClusterSimulator.fetch(mine, "records", cluster.token(mine, "fetch-token"))
        .then()
        .statusCode(200);
  }

  @Test
  void eachTokenWorksOnlyInItsOwnDirection() throws Exception {
    String id = launched(analyst("ann", "norfolk"), "direction");
    ClusterSimulator.fetch(id, "summary", cluster.token(id, "upload-token"))
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    ClusterSimulator.upload(id, "records", cluster.token(id, "fetch-token"), new byte[1])
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
  }

  @Test
  void undeclaredNamesAndMalformedPathsAreRefused() throws Exception {
    String id = launched(analyst("ann", "norfolk"), "undeclared");
    String upload = cluster.token(id, "upload-token");
    ClusterSimulator.upload(id, "exfiltrated.tar", upload, "x".getBytes())
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("https://capenv.org/problems/staging-not-declared"));
    ClusterSimulator.fetch(id, "passwd", cluster.token(id, "fetch-token"))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    ClusterSimulator.staging()
        .auth()
        .oauth2(upload)
        .urlEncodingEnabled(false)
        .body("x")
        .put("/staging/runs/" + id + "/outputs/%2E%2E%2Fsummary")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    ClusterSimulator.staging()
        .auth()
        .oauth2(upload)
        .body("x")
        .put("/staging/runs/" + id + "/outputs/.summary")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    // the declared output is still uploadable: the refusals consumed nothing
    ClusterSimulator.upload(id, "summary", upload, "ok".getBytes()).then().statusCode(201);
  }

  @Test
  void noUnknownOrUserTokenGetsIn() throws Exception {
    String id = launched(analyst("ann", "norfolk"), "credentials");
    ClusterSimulator.staging()
        .get("/staging/runs/" + id + "/inputs/records")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .contentType(PROBLEM);
    ClusterSimulator.fetch(id, "records", "A".repeat(43))
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    // a valid user access token of the run's owner is not a staging credential
    String user = TestTokens.sign(TestTokens.user("ann", "norfolk", "analyst"));
    ClusterSimulator.fetch(id, "records", user).then().statusCode(401).contentType(PROBLEM);
    // and a staging token is not a user credential
    given()
        .auth()
        .oauth2(cluster.token(id, "fetch-token"))
        .get("/api/runs/" + id)
        .then()
        .statusCode(401);
  }

  @Test
  void tokensOfAFinishedRunAreVoid() throws Exception {
    RequestSpecification ann = analyst("ann", "norfolk");
    String id = launched(ann, "finished");
    // read as a pod that already has it mounted would: cancelling deletes the Secret
    String token = cluster.token(id, "fetch-token");
    ann.post("/api/runs/" + id + "/cancel").then().statusCode(200);
    ClusterSimulator.fetch(id, "records", token).then().statusCode(403).contentType(PROBLEM);
  }

  @Test
  @TestTransaction
  void theTokensAreStoredOnlyAsHashes() throws Exception {
    String id = launched(analyst("ann", "norfolk"), "hashed");
    String token = cluster.token(id, "fetch-token");
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(grants.count("tokenHash", token)).isZero();
    assertThat(grants.grant(sha256(token.getBytes(StandardCharsets.US_ASCII)), "records"))
        .hasValueSatisfying(g -> assertThat(g.runId).isEqualTo(id));
  }
}
