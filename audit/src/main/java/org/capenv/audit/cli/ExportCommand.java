package org.capenv.audit.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.capenv.audit.store.LogSnapshot;
import org.capenv.audit.store.StoredCheckpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    description =
        "Stream the log as JSON Lines: each line is an entry's canonical bytes, exactly what its"
            + " leaf hash covers, in sequence order. Reads one consistent snapshot.")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1")
  DatabaseOptions db;

  @Option(names = "--out", required = true, description = "output file, or - for standard output")
  String out;

  @Option(
      names = "--checkpoints-out",
      description = "also write the stored signed checkpoints here")
  Path checkpointsOut;

  @Option(names = "--from", defaultValue = "0", description = "first sequence number (default 0)")
  long from;

  @Override
  public Integer call() throws Exception {
    long written;
    try (LogSnapshot snapshot = LogSnapshot.open(db.dataSource());
        OutputStream target =
            "-".equals(out) ? new NonClosing(System.out) : Files.newOutputStream(Path.of(out));
        OutputStream buffered = new BufferedOutputStream(target, 1 << 20)) {
      long[] count = {0};
      snapshot.forEach(
          from,
          Long.MAX_VALUE,
          row -> {
            buffered.write(row.entry());
            buffered.write('\n');
            count[0]++;
          });
      written = count[0];
      if (checkpointsOut != null) {
        try (PrintWriter w =
            new PrintWriter(Files.newBufferedWriter(checkpointsOut, StandardCharsets.UTF_8))) {
          for (StoredCheckpoint c : snapshot.checkpoints()) {
            w.print(CheckpointFile.line(c));
            w.print('\n');
          }
        }
      }
    }
    spec.commandLine().getErr().println("exported " + written + " entries");
    return 0;
  }

  /** Standard output must stay open for the JVM after the export. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
