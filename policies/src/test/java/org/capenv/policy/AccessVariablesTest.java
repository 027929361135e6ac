package org.capenv.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The variable resolver answers exactly as a map of the four variables would. */
class AccessVariablesTest {
  private static final PolicyInput INPUT =
      new PolicyInput(
          new PolicyInput.User("s", "u", "norfolk", List.of("analyst"), "NPPV2", "c", "force"),
          new PolicyInput.Tool("t", "1", "SECRET", "NPPV1", List.of("analyst"), List.of("*")),
          new PolicyInput.Request("p", "OP-1", "OFFICIAL", 3),
          new PolicyInput.Env(Instant.parse("2026-11-25T10:00:00Z"), Map.of("k", "v")));

  @ParameterizedTest
  @ValueSource(strings = {"user", "tool", "request", "env"})
  void theFourVariablesResolveToTheirValues(String name) {
    AccessVariables vars = AccessVariables.of(INPUT);
    Map<String, Object> asMap =
        Map.of(
            "user", vars.user(), "tool", vars.tool(), "request", vars.request(), "env", vars.env());
    assertThat(vars.find(name)).containsSame(asMap.get(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "use", "users", "User", "tool.name", "request.caseReference", "envs", "now"})
  void anyOtherNameIsAbsent(String name) {
    assertThat(AccessVariables.of(INPUT).find(name)).isEmpty();
  }

  @Test
  void ranksAreComputedOnceAsCelIntegers() {
    AccessVariables vars = AccessVariables.of(INPUT);
    assertThat(vars.user()).containsEntry("vettingRank", 2L);
    assertThat(vars.tool())
        .containsEntry("classificationRank", 3L)
        .containsEntry("minimumVettingRank", 1L);
    assertThat(vars.request())
        .containsEntry("classificationRank", 1L)
        .containsEntry("inputBytes", 3L);
  }
}
