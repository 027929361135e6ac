package org.capenv.audit.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finds line ends eight bytes at a time: splitting a large export is otherwise a hot loop. */
final class Newlines {
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

  private Newlines() {}

  /** Index of the first {@code \n} in {@code buf[from, to)}, or -1. */
  static int find(byte[] buf, int from, int to) {
    int i = from;
    while (i + Long.BYTES <= to) {
      long x = (long) WORDS.get(buf, i) ^ NEWLINES;
      long zero = (x - ONES) & ~x & HIGH_BITS;
      if (zero != 0) {
        // little-endian: the lowest flagged byte is the first match (borrows only go upwards)
        return i + Long.numberOfTrailingZeros(zero) / Long.BYTES;
      }
      i += Long.BYTES;
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
