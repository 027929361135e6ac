package org.capenv.api.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document describes every run and upload endpoint with examples: the request body
 * where there is one, the success answer, and each declared error as problem+json with an example.
 */
@QuarkusTest
class RunOpenApiTest {
  private static JsonNode document;

  /** The document, read once (in a test: the HTTP port is known only once the tests run). */
  private static JsonNode document() throws Exception {
    if (document == null) {
      String text =
          given()
              .queryParam("format", "json")
              .get("/q/openapi")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      document = new ObjectMapper().readTree(text);
    }
    return document;
  }

  private static JsonNode paths() throws Exception {
    return document().path("paths");
  }

  /** A response as a reader of the document sees it: a shared one is followed to its component. */
  private static JsonNode resolve(JsonNode response) throws Exception {
    String ref = response.path("$ref").asText();
    String prefix = "#/components/responses/";
    if (ref.isEmpty()) {
      return response;
    }
    assertThat(ref).startsWith(prefix);
    JsonNode shared =
        document().path("components").path("responses").path(ref.substring(prefix.length()));
    assertThat(shared.isMissingNode()).as(ref + " is defined").isFalse();
    return shared;
  }

  /** path, method, request body expected, success status, error statuses expected. */
  static Stream<Arguments> endpoints() {
    return Stream.of(
        Arguments.of("/api/blobs", "post", true, "201", List.of("413", "503")),
        Arguments.of(
            "/api/runs", "post", true, "202", List.of("400", "403", "404", "409", "422", "503")),
        Arguments.of("/api/runs", "get", false, "200", List.of("400")),
        Arguments.of("/api/runs/{id}", "get", false, "200", List.of("404")),
        Arguments.of(
            "/api/runs/{id}/cancel", "post", false, "200", List.of("403", "404", "409", "503")),
        Arguments.of("/api/runs/{id}/logs", "get", false, "200", List.of("403", "404", "503")),
        Arguments.of(
            "/api/runs/{id}/outputs/{name}", "get", false, "200", List.of("403", "404", "503")));
  }

  /** The list's filters are read as text (so a bad one is a 400), but documented by their type. */
  /** The shared answers' definition (package-info) carries an info block; the release wins. */
  @Test
  void theDocumentIsVersionedAsTheRelease() throws Exception {
    String release =
        ConfigProvider.getConfig().getValue("quarkus.application.version", String.class);
    assertThat(document().path("info").path("version").asText()).isEqualTo(release);
    assertThat(document().path("info").path("title").asText()).isEqualTo("capenv API");
  }

  @Test
  void theListFiltersAreDocumentedByTheirType() throws Exception {
    JsonNode state = null;
    JsonNode limit = null;
    for (JsonNode p : paths().path("/api/runs").path("get").path("parameters")) {
      if (p.path("name").asText().equals("state")) {
        state = p.path("schema");
      } else if (p.path("name").asText().equals("limit")) {
        limit = p.path("schema");
      }
    }
    assertThat(limit).isNotNull();
    assertThat(limit.path("type").asText()).isEqualTo("integer");
    assertThat(limit.path("minimum").asInt()).isEqualTo(1);
    assertThat(limit.path("maximum").asInt()).isEqualTo(100);
    assertThat(state).isNotNull();
    assertThat(state.toString()).contains("CANCELLED");
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("endpoints")
  void everyEndpointHasExamplesAndDeclaresItsProblems(
      String path, String method, boolean body, String success, List<String> errors)
      throws Exception {
    JsonNode operation = paths().path(path).path(method);
    assertThat(operation.isMissingNode()).as(method + " " + path + " is documented").isFalse();
    if (body) {
      assertThat(examples(operation.path("requestBody").path("content")))
          .as("request body example")
          .isNotEmpty();
    }
    JsonNode responses = operation.path("responses");
    assertThat(examples(responses.path(success).path("content")))
        .as(success + " example")
        .isNotEmpty();
    for (String status : errors) {
      JsonNode problem =
          resolve(responses.path(status)).path("content").path("application/problem+json");
      assertThat(problem.isMissingNode()).as(status + " is problem+json").isFalse();
      assertThat(problem.path("examples").size()).as(status + " example").isPositive();
    }
  }

  private static List<String> examples(JsonNode content) {
    List<String> found = new ArrayList<>();
    content.forEach(
        media -> media.path("examples").forEach(e -> found.add(e.path("value").toString())));
    return found;
  }
}
