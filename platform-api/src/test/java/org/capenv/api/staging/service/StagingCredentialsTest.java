package org.capenv.api.staging.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StagingCredentialsTest {
  private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz_-0123456789ABCDE";

  @ParameterizedTest
  @ValueSource(strings = {"Bearer " + TOKEN, "bearer " + TOKEN, "Bearer  " + TOKEN + " "})
  void aWellFormedBearerTokenIsRead(String header) {
    assertThat(StagingCredentials.token(header)).contains(TOKEN);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "Bearer",
        "Bearer ",
        "Basic " + TOKEN,
        "Bearer " + TOKEN + "F",
        "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
        "Bearer abcdefghijklmnopqrstuvwxyz+/0123456789ABCDE"
      })
  void anythingElseIsNoCredential(String header) {
    assertThat(StagingCredentials.token(header)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {TOKEN})
  void theStoredFormIsTheSha256AndNotTheToken(String token) {
    assertThat(StagingCredentials.hash(token)).matches("[0-9a-f]{64}").doesNotContain(token);
    assertThat(StagingCredentials.hash(token)).isEqualTo(StagingCredentials.hash(token));
    assertThat(StagingCredentials.hash(token)).isNotEqualTo(StagingCredentials.hash(token + "x"));
  }
}
