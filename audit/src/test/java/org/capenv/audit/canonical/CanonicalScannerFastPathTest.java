package org.capenv.audit.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier's fast path ({@link CanonicalScanner#quickObjectEnd}) against the recursive scan it
 * stands in for: on any bytes it may refuse what the recursive scan accepts (the caller then asks
 * the recursive scan), but it must never accept what the recursive scan refuses, and where both
 * accept they must agree on the end and the value. On real entries it must accept, or it would
 * speed nothing up.
 */
class CanonicalScannerFastPathTest {
  private static final byte[] SEQ = {'s', 'e', 'q'};

  /** Bytes that matter to the grammar, for mutations that reach its corners. */
  private static final byte[] INTERESTING =
      "{}[]\":,\\-0123456789.eEtrufalsn \n\t\u007f".getBytes(StandardCharsets.ISO_8859_1);

  private static byte[] golden() throws Exception {
    try (InputStream in =
        CanonicalScannerFastPathTest.class.getResourceAsStream(
            "/org/capenv/audit/entry/golden-entry-v1.json")) {
      return in.readAllBytes();
    }
  }

  private static List<byte[]> seeds() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(golden());
    for (String json :
        List.of(
            "{\"a\":[1,[2,[true,false]],{\"b\":\"x\\\"y\\\\z\\u001f\\n\"}],\"seq\":7,\"z\":{}}",
            "{\"seq\":9007199254740991,\"\u00e9t\u00e9\":\"caf\u00e9 \u2019quoted\u2019 \ud83d\ude00\"}",
            "{\"a\":\"\",\"aa\":\"\",\"ab\":[],\"b\":-12,\"seq\":0}",
            "{\"abcdefgh\":1,\"abcdefghi\":2,\"abcdefgi\":3,\"seq\":1}")) {
      seeds.add(json.getBytes(StandardCharsets.UTF_8));
    }
    return seeds;
  }

  @Test
  void acceptsEveryCanonicalSeedWithTheSameEndAndValue() throws Exception {
    for (byte[] seed : seeds()) {
      long[] fast = new long[1];
      long[] slow = new long[1];
      int quick = CanonicalScanner.quickObjectEnd(seed, 0, seed.length, SEQ, fast);
      int scanned = CanonicalScanner.scannedObjectEnd(seed, 0, seed.length, SEQ, slow);
      // names with non-ASCII bytes are left to the recursive scan
      if (new String(seed, StandardCharsets.UTF_8).contains("\u00e9t\u00e9")) {
        assertThat(quick).isEqualTo(-1);
      } else {
        assertThat(quick).as(new String(seed, StandardCharsets.UTF_8)).isEqualTo(scanned);
        assertThat(fast[0]).isEqualTo(slow[0]);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void neverAcceptsWhatTheRecursiveScanRefuses(long stream) throws Exception {
    SplittableRandom random = new SplittableRandom(0x5eed_0000L + stream);
    List<byte[]> seeds = seeds();
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 25_000; i++) {
      byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
      // scan from an offset inside a larger buffer with a newline after, as the verifier does
      int at = random.nextInt(9);
      byte[] buffer = new byte[at + mutant.length + 1 + random.nextInt(12)];
      System.arraycopy(mutant, 0, buffer, at, mutant.length);
      buffer[at + mutant.length] = '\n';
      int limit = buffer.length;
      long[] fast = new long[1];
      int quick = CanonicalScanner.quickObjectEnd(buffer, at, limit, SEQ, fast);
      Integer scanned;
      long[] slow = new long[1];
      try {
        scanned = CanonicalScanner.scannedObjectEnd(buffer, at, limit, SEQ, slow);
      } catch (NonCanonicalJsonException e) {
        scanned = null;
      }
      String shown = new String(mutant, StandardCharsets.ISO_8859_1);
      if (quick >= 0) {
        assertThat(scanned)
            .as("fast path accepted what the recursive scan refuses: %s", shown)
            .isNotNull();
        assertThat(quick).as(shown).isEqualTo(scanned);
        assertThat(fast[0]).as(shown).isEqualTo(slow[0]);
        accepted++;
      } else if (scanned == null) {
        refused++;
      }
    }
    // the mutations must exercise both sides, or this test proves nothing
    assertThat(accepted).isGreaterThan(1_000);
    assertThat(refused).isGreaterThan(1_000);
  }

  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    byte[] b = seed.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(b.length);
      byte value =
          random.nextBoolean()
              ? INTERESTING[random.nextInt(INTERESTING.length)]
              : (byte) random.nextInt(256);
      switch (random.nextInt(5)) {
        case 0 -> b[at] = value;
        case 1 -> b = insert(b, at, value);
        case 2 -> b = delete(b, at);
        case 3 -> b = java.util.Arrays.copyOf(b, at + 1);
        default -> {
          // leave it unchanged: valid bytes must still be accepted alike
        }
      }
      if (b.length == 0) {
        b = new byte[] {'{'};
      }
    }
    return b;
  }

  private static byte[] insert(byte[] b, int at, byte value) {
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, at);
    out[at] = value;
    System.arraycopy(b, at, out, at + 1, b.length - at);
    return out;
  }

  private static byte[] delete(byte[] b, int at) {
    byte[] out = new byte[b.length - 1];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(b, at + 1, out, at, b.length - at - 1);
    return out;
  }
}
