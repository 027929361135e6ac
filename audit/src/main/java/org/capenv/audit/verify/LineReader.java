package org.capenv.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Splits a byte stream on {@code \n} without decoding it: the verifier hashes raw bytes. */
final class LineReader {
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;
  private boolean unterminated;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line without its newline, or null at the end. */
  byte[] next() throws IOException {
    int scanFrom = start;
    while (true) {
      for (int i = scanFrom; i < end; i++) {
        if (buf[i] == '\n') {
          byte[] line = Arrays.copyOfRange(buf, start, i);
          start = i + 1;
          return line;
        }
      }
      if (eof) {
        if (start < end) {
          unterminated = true;
          byte[] line = Arrays.copyOfRange(buf, start, end);
          start = end;
          return line;
        }
        return null;
      }
      scanFrom = end - start;
      fill();
    }
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  boolean unterminated() {
    return unterminated;
  }
}
