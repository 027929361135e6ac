package org.capenv.audit.verify;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.store.LogSnapshot;
import org.capenv.audit.store.RawEntry;
import org.capenv.audit.store.StoredCheckpoint;

/** Runs a {@link LogVerifier} over a database or an exported JSON Lines file. */
public final class LogVerification {
  private LogVerification() {}

  /**
   * Verifies the log in the database (a consistent snapshot), with every stored checkpoint and
   * every stored hash, against the trusted checkpoint.
   */
  public static VerificationResult database(DataSource ds, NoteVerifier key, String trustedNote)
      throws ProofException {
    try (LogSnapshot snapshot = LogSnapshot.open(ds)) {
      LogVerifier verifier = new LogVerifier(key, trustedNote, snapshot.checkpoints());
      snapshot.forEach(0, Long.MAX_VALUE, verifier::accept);
      return verifier.finish();
    } catch (ProofException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("reading the audit log failed: " + e.getMessage(), e);
    }
  }

  /**
   * Verifies an export: one canonical entry per line, in sequence order, each line ending in {@code
   * \n}. {@code checkpoints} are signed notes exported with it (may be empty).
   */
  public static VerificationResult file(
      Path entries, NoteVerifier key, String trustedNote, List<StoredCheckpoint> checkpoints)
      throws ProofException, IOException {
    LogVerifier verifier = new LogVerifier(key, trustedNote, checkpoints);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(entries), 1 << 20)) {
      LineReader lines = new LineReader(in);
      long position = 0;
      byte[] line;
      while ((line = lines.next()) != null) {
        verifier.accept(new RawEntry(position++, line, null, null));
      }
      if (lines.unterminated()) {
        return new VerificationResult(
            position,
            0,
            0,
            Optional.of(
                new VerificationResult.Failure(
                    position - 1, "the last line has no newline: the file is truncated")));
      }
    }
    return verifier.finish();
  }
}
