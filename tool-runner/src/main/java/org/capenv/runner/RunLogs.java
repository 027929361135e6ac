package org.capenv.runner;

/**
 * Bounded logs of a run. At most the spec's {@code logMaxBytes} are kept per stream; the totals say
 * how much the tool actually wrote.
 *
 * @param stdout kept head of standard output (empty when stdout is a declared output)
 * @param stderr kept head of standard error; Kubernetes merges both streams into {@code stdout}
 * @param stdoutTotalBytes bytes the tool wrote to stdout
 * @param stderrTotalBytes bytes the tool wrote to stderr
 */
public record RunLogs(byte[] stdout, byte[] stderr, long stdoutTotalBytes, long stderrTotalBytes) {
  public RunLogs {
    stdout = stdout.clone();
    stderr = stderr.clone();
  }

  public static RunLogs empty() {
    return new RunLogs(new byte[0], new byte[0], 0, 0);
  }

  @Override
  public byte[] stdout() {
    return stdout.clone();
  }

  @Override
  public byte[] stderr() {
    return stderr.clone();
  }

  public boolean truncated() {
    return stdoutTotalBytes > stdout.length || stderrTotalBytes > stderr.length;
  }
}
