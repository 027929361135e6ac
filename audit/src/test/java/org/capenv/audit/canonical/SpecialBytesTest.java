package org.capenv.audit.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalScanner#specialBytes} finds the first byte of a word that a plain string cannot
 * hold, exactly as a byte loop does: both scanners skip string content with it, so an error here
 * would be shared by the fast path and the recursive scan that checks it.
 */
class SpecialBytesTest {
  /** Plain bytes next to the classes' edges, where a borrow from below could change a result. */
  private static final int[] FILLERS = {0x20, 0x21, 0x23, 0x5b, 0x5d, 0x61, 0x7e, 0x7f};

  private static boolean special(int b) {
    return b < 0x20 || b >= 0x80 || b == '"' || b == '\\';
  }

  /** Index of the first special byte of {@code w}, low byte first, or -1. */
  private static int firstSpecial(long w) {
    for (int i = 0; i < Long.BYTES; i++) {
      if (special((int) (w >>> (8 * i)) & 0xFF)) {
        return i;
      }
    }
    return -1;
  }

  private static int flagged(long w) {
    long flags = CanonicalScanner.specialBytes(w);
    return flags == 0 ? -1 : Long.numberOfTrailingZeros(flags) >>> 3;
  }

  @Test
  void everyPairOfByteValuesAtEveryPairOfPositions() {
    int checked = 0;
    int withSpecial = 0;
    for (int filler : FILLERS) {
      long base = 0x0101010101010101L * filler;
      for (int i = 0; i < Long.BYTES; i++) {
        for (int j = i; j < Long.BYTES; j++) {
          for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 256; y++) {
              long w = set(set(base, j, y), i, x);
              int expected = firstSpecial(w);
              // a plain comparison: an assertion per word would make this test slow
              if (flagged(w) != expected) {
                assertThat(flagged(w)).as("word %016x", w).isEqualTo(expected);
              }
              checked++;
              withSpecial += expected >= 0 ? 1 : 0;
            }
          }
        }
      }
    }
    assertThat(checked).isEqualTo(FILLERS.length * 36 * 65536);
    // both outcomes are exercised
    assertThat(withSpecial).isBetween(1, checked - 1);
  }

  @Test
  void randomWordsOfPlainAndSpecialBytes() {
    SplittableRandom random = new SplittableRandom(0x5eed_b17eL);
    for (int n = 0; n < 2_000_000; n++) {
      long w = 0;
      for (int i = 0; i < Long.BYTES; i++) {
        // mostly plain bytes, as in real strings, with specials and edge values mixed in
        int b =
            switch (random.nextInt(4)) {
              case 0 -> random.nextInt(256);
              case 1 ->
                  new int[] {0x00, 0x1f, 0x20, '"', '\\', 0x7f, 0x80, 0xff}[random.nextInt(8)];
              default -> 0x20 + random.nextInt(0x5f);
            };
        w = set(w, i, b);
      }
      if (flagged(w) != firstSpecial(w)) {
        assertThat(flagged(w)).as("word %016x", w).isEqualTo(firstSpecial(w));
      }
    }
  }

  private static long set(long w, int index, int value) {
    int shift = 8 * index;
    return (w & ~(0xFFL << shift)) | ((long) value << shift);
  }
}
