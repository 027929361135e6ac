package org.capenv.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.PostgresExtension.TestDatabase;
import org.capenv.audit.testing.Samples;
import org.capenv.audit.verify.LogVerification;
import org.capenv.audit.verify.VerificationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A writer process is killed with SIGKILL in the middle of appending. */
@ExtendWith(PostgresExtension.class)
class CrashTest {

  @Test
  void aKilledWriterLosesNothingAcknowledgedAndLeavesNoGap(TestDatabase db) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingAppender.class.getName(),
                db.url(),
                PostgresExtension.APP_ROLE,
                PostgresExtension.APP_PASSWORD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<Long, String> acknowledged = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] f = line.split(" ");
        acknowledged.put(Long.parseLong(f[1]), f[2]);
        if (acknowledged.size() == 100) {
          // SIGKILL: no shutdown hooks, no chance to finish the batch in flight. Not
          // destroyForcibly(), which also closes our end of the pipe: acknowledgements still
          // buffered in it must be read.
          new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor();
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(100);

    NoteSigner signer = NoteSigner.generate("capenv.test/audit");
    try (PostgresAuditStore store = new PostgresAuditStore(db.app(), "capenv.test/audit", signer)) {
      long size = store.size();
      assertThat(size).isGreaterThanOrEqualTo(acknowledged.size());
      for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
        assertThat(Hex.of(store.get(ack.getKey()).orElseThrow().leafHash()))
            .as("acknowledged entry %d", ack.getKey())
            .isEqualTo(ack.getValue());
      }
      // the log keeps working after the crash and verifies as a whole
      store.appendDurable(Samples.entries(0, 3));
      SignedCheckpoint cp = store.checkpoint();
      assertThat(cp.checkpoint().size()).isEqualTo(size + 3);
      VerificationResult r = LogVerification.database(db.app(), signer.verifier(), cp.note());
      assertThat(r.ok()).as(r.summary()).isTrue();
      assertThat(r.entries()).isEqualTo(size + 3);
    }
  }
}
