package org.capenv.bench.audit;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.merkle.Frontier;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.note.Checkpoint;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.verify.LogVerification;
import org.capenv.audit.verify.VerificationResult;

/** Offline verification of an exported log next to sha256sum of the same file. */
final class VerifyRate {
  void run(long entries, int repeats) throws Exception {
    // CPU time as well as wall time: on a shared machine the wall time measures the other load,
    // the CPU time what verification costs (entries/s per core, times the cores, is its ceiling)
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Path file = Files.createTempFile("capenv-audit-export", ".jsonl");
    try {
      NoteSigner signer = NoteSigner.generate("bench/audit");
      Frontier tree = Frontier.empty();
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
        for (long i = 0; i < entries; i++) {
          byte[] bytes = EntryCodec.encode(i, BenchEntries.entry(i));
          tree.append(MerkleHash.leafHash(bytes));
          out.write(bytes);
          out.write('\n');
        }
      }
      String trusted =
          SignedCheckpoint.sign(new Checkpoint("bench/audit", entries, tree.root()), signer).note();
      System.out.printf(
          Locale.ROOT, "export: %d entries, %.1f MB%n", entries, Files.size(file) / 1e6);
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        Process p =
            new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        double sha = (System.nanoTime() - t0) / 1e9;
        long cpu0 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        VerificationResult result =
            LogVerification.file(file, signer.verifier(), trusted, List.of());
        double verify = (System.nanoTime() - t1) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        if (!result.ok()) {
          throw new IllegalStateException(result.summary());
        }
        System.out.printf(
            Locale.ROOT,
            "run %d: sha256sum %.2f s; capenv verify %.2f s = %.0f entries/s; ratio %.2f;"
                + " CPU %.2f s = %.0f entries/s per core%n",
            r + 1,
            sha,
            verify,
            entries / verify,
            verify / sha,
            cpu,
            entries / cpu);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
