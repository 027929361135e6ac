package org.capenv.runner.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Drains one stream of the sandbox, keeping at most {@code limit} bytes and counting the rest.
 *
 * <p>The stream is always read to its end so the tool never blocks on a full pipe; bytes past the
 * limit are dropped. {@code onOverflow} runs once when the limit is first exceeded (used to stop a
 * tool whose standard output is a declared output that grew past its size).
 */
final class BoundedPump implements Runnable {
  private final InputStream in;
  private final OutputStream sink;
  private final long limit;
  private final Runnable onOverflow;
  private volatile long total;
  private volatile boolean done;
  private volatile IOException ioError;

  BoundedPump(InputStream in, OutputStream sink, long limit, Runnable onOverflow) {
    this.in = in;
    this.sink = sink;
    this.limit = limit;
    this.onOverflow = onOverflow;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[16 * 1024];
    long kept = 0;
    try (in;
        sink) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        long before = total;
        int keep = (int) Math.max(0, Math.min(n, limit - kept));
        if (keep > 0) {
          sink.write(buffer, 0, keep);
          kept += keep;
        }
        // counted only once kept: a reader of the total and then the sink never sees bytes
        // counted that are still to be kept (LocalRun.logsSoFar)
        total = before + n;
        if (before <= limit && total > limit) {
          onOverflow.run();
        }
      }
    } catch (IOException e) {
      // the JDK closes the pipe when the killed process is reaped: what was read is kept
      ioError = e;
    } finally {
      synchronized (this) {
        done = true;
        notifyAll();
      }
    }
  }

  /** Waits until the stream is closed (the sandbox and all its children exited). */
  synchronized void await(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!done) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }

  long total() {
    return total;
  }

  /** The read error that ended the pump early, if any (expected after a kill). */
  IOException ioError() {
    return ioError;
  }
}
