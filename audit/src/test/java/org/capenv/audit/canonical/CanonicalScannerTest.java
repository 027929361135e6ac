package org.capenv.audit.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalScannerTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"b\":1,\"a\":2,\"seq\":1}", "{\"seq\":1,\"seq\":1}", "{ \"seq\":1}", "{\"seq\":01}",
        "{\"seq\":-0}", "{\"seq\":1.0}", "{\"seq\":null}", "{\"a\":\"\\u0041\",\"seq\":1}",
        "{\"a\":\"\\/\",\"seq\":1}", "{\"seq\":9007199254740992}", "{\"seq\":1}x", "{\"a\":1}",
        "{\"seq\":\"1\"}", "[1]", "{\"a\":{\"seq\":1}}", "{\"\u20ac\":1,\"\u0080\":2,\"seq\":3}"
      })
  void refusesWhatTheStrictParserRefusesAndNeedsATopLevelIntegerSeq(String json) {
    assertThatThrownBy(
            () -> CanonicalScanner.topLevelInteger(json.getBytes(StandardCharsets.UTF_8), "seq"))
        .isInstanceOf(NonCanonicalJsonException.class);
  }

  static Stream<String> canonicalFixtures() {
    return Stream.of(
        "golden-entry-v1.json",
        "error_unknown_action.json",
        "error_unsorted_set.json",
        "error_uppercase_digest.json",
        "error_version_2.json");
  }

  @ParameterizedTest
  @MethodSource("canonicalFixtures")
  void acceptsCanonicalJsonEvenWhenOnlyTheSchemaIsWrong(String fixture) throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/org/capenv/audit/entry/" + fixture)) {
      bytes = in.readAllBytes();
    }
    assertThat(CanonicalScanner.topLevelInteger(bytes, "seq")).isEqualTo(42);
    CanonicalJson.parse(bytes);
  }

  static Stream<String> nonCanonicalFixtures() {
    return Stream.of(
        "error_whitespace.json",
        "error_unsorted_members.json",
        "error_escaped_slash.json",
        "error_unneeded_unicode_escape.json",
        "error_leading_zero.json",
        "error_fraction.json",
        "error_null_member.json",
        "error_duplicate_member.json",
        "error_trailing_newline.json",
        "error_invalid_utf8.json");
  }

  @ParameterizedTest
  @MethodSource("nonCanonicalFixtures")
  void refusesEveryNonCanonicalFixture(String fixture) throws Exception {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/org/capenv/audit/entry/" + fixture)) {
      bytes = in.readAllBytes();
    }
    byte[] b = bytes;
    assertThatThrownBy(() -> CanonicalScanner.topLevelInteger(b, "seq"))
        .isInstanceOf(NonCanonicalJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.parse(b)).isInstanceOf(NonCanonicalJsonException.class);
  }
}
