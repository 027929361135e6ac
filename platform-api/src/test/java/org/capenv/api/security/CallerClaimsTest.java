package org.capenv.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallerClaimsTest {

  private static CallerIdentity identity(Map<String, String> claims, Set<String> roles) {
    return CallerClaims.toIdentity(claims::get, roles);
  }

  @Test
  void personTokenMapsEveryClaim() {
    CallerIdentity caller =
        identity(
            Map.of(
                "sub", "f3a1",
                "preferred_username", "ana.norfolk",
                "force", "norfolk",
                "vetting", "NPPV3",
                "data_scope", "national",
                "azp", "portal"),
            Set.of("analyst", "default-roles-capenv", "offline_access"));
    assertThat(caller.subject()).isEqualTo("f3a1");
    assertThat(caller.username()).isEqualTo("ana.norfolk");
    assertThat(caller.force()).contains("norfolk");
    assertThat(caller.vetting()).isEqualTo(Vetting.NPPV3);
    assertThat(caller.dataScope()).isEqualTo(DataScope.NATIONAL);
    assertThat(caller.roles()).containsExactly("analyst");
    assertThat(caller.clientId()).contains("portal");
    assertThat(caller.isClient()).isFalse();
  }

  @Test
  void serviceAccountTokenIsAClient() {
    CallerIdentity caller =
        identity(
            Map.of(
                "sub", "9c1",
                "preferred_username", "service-account-force-integration-suffolk",
                "client_id", "force-integration-suffolk",
                "force", "suffolk"),
            Set.of("force-integration"));
    assertThat(caller.isClient()).isTrue();
    assertThat(caller.clientId()).contains("force-integration-suffolk");
    assertThat(caller.force()).contains("suffolk");
    assertThat(caller.vetting()).isEqualTo(Vetting.NONE);
    assertThat(caller.dataScope()).isEqualTo(DataScope.FORCE);
  }

  @Test
  void missingClaimsGiveTheLeastPrivilege() {
    CallerIdentity caller = identity(Map.of("sub", "x"), Set.of());
    assertThat(caller.username()).isEqualTo("x");
    assertThat(caller.force()).isEmpty();
    assertThat(caller.vetting()).isEqualTo(Vetting.NONE);
    assertThat(caller.dataScope()).isEqualTo(DataScope.FORCE);
    assertThat(caller.roles()).isEmpty();
    assertThat(caller.clientId()).isEmpty();
    assertThat(caller.isClient()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "norfolk, norfolk",
    "' suffolk ', suffolk",
    "Norfolk, ",
    "'norfolk;drop', ",
    "'', ",
    "../etc, "
  })
  void forceMustBeAPlainName(String claim, String expected) {
    Map<String, String> claims = new HashMap<>();
    claims.put("sub", "x");
    claims.put("force", claim);
    assertThat(identity(claims, Set.of()).force()).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "NPPV1, NPPV1",
    "nppv2, NPPV2",
    "NPPV3, NPPV3",
    "NPPV4, NONE",
    "SC, NONE",
    "'', NONE"
  })
  void vettingParsesOnlyKnownLevels(String claim, Vetting expected) {
    assertThat(Vetting.fromClaim(claim)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "force, force",
    "national, national",
    "region:eastern, region:eastern",
    "region:, force",
    "region:Eastern, force",
    "NATIONAL, force",
    "global, force",
    "'', force"
  })
  void dataScopeFallsBackToTheNarrowest(String claim, String expected) {
    assertThat(DataScope.fromClaim(claim).claimValue()).isEqualTo(expected);
  }

  @Test
  void vettingOrder() {
    assertThat(Vetting.NPPV3.atLeast(Vetting.NPPV2)).isTrue();
    assertThat(Vetting.NPPV1.atLeast(Vetting.NPPV2)).isFalse();
    assertThat(Vetting.NONE.atLeast(Vetting.NPPV1)).isFalse();
  }
}
