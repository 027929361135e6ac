package org.capenv.audit.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

  @Test
  void membersAreSortedByUtf16CodeUnitsAsRfc8785Requires() {
    // the member-sorting example of RFC 8785 section 3.2.3
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("\u20ac", "Euro Sign");
    m.put("\r", "Carriage Return");
    m.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
    m.put("1", "One");
    m.put("\ud83d\ude00", "Emoji: Grinning Face");
    m.put("\u0080", "Control");
    m.put("\u00f6", "Latin Small Letter O With Diaeresis");
    assertThat(CanonicalJson.encodeToString(m))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void stringsEscapeOnlyWhatTheRfcRequires() throws Exception {
    String s = "\u0000\u0008\t\n\u000b\f\r\u001f \"\\/\u007f\u2028\u00e9\ud83d\ude00";
    String encoded = CanonicalJson.encodeToString(List.of(s));
    assertThat(encoded)
        .isEqualTo(
            "[\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u007f\u2028\u00e9\ud83d\ude00\"]");
    byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
    assertThat(CanonicalJson.parse(bytes)).isEqualTo(List.of(s));
  }

  @Test
  void integersOutsideTheExactDoubleRangeAndLoneSurrogatesAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.encode(1L << 53))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.encode("\ud800x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CanonicalJson.encodeToString(CanonicalJson.MAX_SAFE_INTEGER))
        .isEqualTo("9007199254740991");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"b\":1,\"a\":2}",
        "{\"a\":1,\"a\":1}",
        "{ }",
        "[1, 2]",
        "01",
        "-0",
        "1.0",
        "1e3",
        "null",
        "\"\\u0041\"",
        "\"\\/\"",
        "\"\\u000A\"",
        "\"\\u000a\"",
        "9007199254740992",
        "[1]x",
        "\"\u0001\"",
        "{\"a\":}",
        "[",
        "tru"
      })
  void theStrictParserRefusesAnythingNonCanonical(String json) {
    assertThatThrownBy(() -> CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(NonCanonicalJsonException.class);
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] overlong = {'"', (byte) 0xc0, (byte) 0xaf, '"'};
    assertThatThrownBy(() -> CanonicalJson.parse(overlong))
        .isInstanceOf(NonCanonicalJsonException.class);
  }
}
