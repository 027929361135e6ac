package org.capenv.audit.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  /** Each way a string can fail, with the reason and offset the verifier reports for it. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":\"abc|unterminated string at byte 9",
        "{\"a\":\"x\u0001y\",\"seq\":1}|raw control character in string at byte 7",
        "{\"a\":\"\\u00|truncated \\u escape at byte 8",
        "{\"a\":\"\\u00E9\",\"seq\":1}|\\u escape not in lower-case hex at byte 11",
        "{\"a\":\"\\u0041\",\"seq\":1}|\\u escape that canonical form does not use at byte 12",
        "{\"a\":\"\\/\",\"seq\":1}|escape that canonical form does not use at byte 8",
        "{\"a\":\"\\|unexpected end of input at byte 7",
        "{\"a\":\"x\u00c3(\",\"seq\":1}|invalid UTF-8 in string at byte 6"
      })
  void namesWhyAStringIsNotCanonicalAndWhere(String json, String message) {
    // ISO-8859-1 keeps each char as one byte, so that a test can hold bytes that are not UTF-8
    byte[] bytes = json.getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> CanonicalScanner.topLevelInteger(bytes, "seq"))
        .isInstanceOf(NonCanonicalJsonException.class)
        .hasMessage(message);
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

  static Stream<byte[]> specialBytesAtEveryOffset() {
    byte[][] specials = {
      {0x1f},
      {'\\', '/'},
      {'\\', 'n'},
      {'\\', 'u', '0', '0', '1', 'f'},
      {(byte) 0xc3, (byte) 0xa9},
      {(byte) 0xc3, 0x28},
      {(byte) 0xff},
      {'\\', '"'},
      {'"'}
    };
    Stream.Builder<byte[]> cases = Stream.builder();
    for (byte[] special : specials) {
      for (int before = 0; before < 18; before++) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("{\"a\":\"".getBytes(StandardCharsets.UTF_8));
        json.writeBytes("x".repeat(before).getBytes(StandardCharsets.UTF_8));
        json.writeBytes(special);
        json.writeBytes("y".repeat(9).getBytes(StandardCharsets.UTF_8));
        json.writeBytes("\",\"seq\":7}".getBytes(StandardCharsets.UTF_8));
        cases.add(json.toByteArray());
      }
    }
    return cases.build();
  }

  /** The scanner skips plain string bytes a word at a time: it must stop at every special byte. */
  @ParameterizedTest
  @MethodSource("specialBytesAtEveryOffset")
  void agreesWithTheStrictParserWhereverASpecialByteFallsInAString(byte[] json) {
    boolean parses;
    try {
      CanonicalJson.parse(json);
      parses = true;
    } catch (NonCanonicalJsonException e) {
      parses = false;
    }
    if (parses) {
      assertThatCode(() -> CanonicalScanner.topLevelInteger(json, "seq"))
          .doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> CanonicalScanner.topLevelInteger(json, "seq"))
          .isInstanceOf(NonCanonicalJsonException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 8})
  void scansARangeOfALargerBufferWithOffsetsFromItsStart(int at) throws Exception {
    byte[] entry = "{\"a\":\"xyzxyzxyzxyz\",\"seq\":3}".getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[at + entry.length + 3];
    System.arraycopy(entry, 0, buffer, at, entry.length);
    buffer[at + entry.length] = '\n';
    assertThat(CanonicalScanner.topLevelInteger(buffer, at, at + entry.length, "seq")).isEqualTo(3);
    assertThatThrownBy(
            () -> CanonicalScanner.topLevelInteger(buffer, at, at + entry.length + 1, "seq"))
        .hasMessage("trailing bytes after the value at byte " + (at + entry.length));
  }
}
