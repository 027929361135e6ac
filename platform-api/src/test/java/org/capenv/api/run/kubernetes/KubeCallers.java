package org.capenv.api.run.kubernetes;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.capenv.api.testing.TestTokens;

/** Callers and run requests of the Kubernetes-runner tests. */
public final class KubeCallers {
  static final Path CALLS = Path.of("..", "catalog", "samples", "call-records.csv");

  private KubeCallers() {}

  public static RequestSpecification analyst(String username, String force) {
    return given().auth().oauth2(TestTokens.sign(TestTokens.user(username, force, "analyst")));
  }

  public static byte[] calls() throws IOException {
    return Files.readAllBytes(CALLS);
  }

  /** Uploads an input as the caller and submits a miller-cdr-stats run on it; the run id. */
  public static String submit(RequestSpecification caller, byte[] input) {
    String sha256 =
        caller
            .contentType("text/csv")
            .body(input)
            .post("/api/blobs")
            .then()
            .statusCode(201)
            .extract()
            .path("sha256");
    Map<String, Object> body = new HashMap<>();
    body.put("tool", "miller-cdr-stats");
    body.put("version", "1.0.0");
    body.put("parameters", Map.of("fields", "duration_s", "group_by", "caller"));
    body.put("inputs", Map.of("records", sha256));
    body.put("purpose", "Summarise call records for the investigation");
    body.put("caseReference", "OP-KESTREL/2026/7");
    body.put("classification", "OFFICIAL-SENSITIVE");
    return caller
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /**
   * Waits until the launch committed (state RUNNING): its staging grants commit with it, and {@code
   * capenv-stage} would retry a 401 until then.
   */
  public static void awaitLaunched(RequestSpecification caller, String id)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      String state = caller.get("/api/runs/" + id).then().statusCode(200).extract().path("state");
      if (!state.equals("PENDING")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run " + id + " was not launched within 30 s");
  }

  /** The run's representation once it left PENDING and RUNNING. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> awaitEnd(RequestSpecification caller, String id)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Map<String, Object> run =
          caller.get("/api/runs/" + id).then().statusCode(200).extract().as(Map.class);
      String state = (String) run.get("state");
      if (!state.equals("PENDING") && !state.equals("RUNNING")) {
        return run;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + id + " did not end within 30 s");
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The termination-log manifest {@code stage-out} writes for one output. */
  public static String manifest(String name, byte[] content) {
    return "[{\"name\":\""
        + name
        + "\",\"sha256\":\""
        + sha256(content)
        + "\",\"size\":"
        + content.length
        + "}]";
  }
}
