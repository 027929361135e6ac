package org.capenv.audit.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.store.LogSnapshot;
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
    return database(ds, key, trustedNote, false);
  }

  /**
   * As {@link #database(DataSource, NoteVerifier, String)}; {@code deep} also decodes every entry
   * against the format schema (slower).
   */
  public static VerificationResult database(
      DataSource ds, NoteVerifier key, String trustedNote, boolean deep) throws ProofException {
    try (LogSnapshot snapshot = LogSnapshot.open(ds)) {
      LogVerifier verifier = new LogVerifier(key, trustedNote, snapshot.checkpoints());
      snapshot.forEach(
          0,
          Long.MAX_VALUE,
          row ->
              verifier.accept(
                  row,
                  deep
                      ? LogVerifier.Checked.deep(row.entry())
                      : LogVerifier.Checked.of(row.entry())));
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
    return file(entries, key, trustedNote, checkpoints, false);
  }

  /** As above; {@code deep} also decodes every entry against the format schema (slower). */
  public static VerificationResult file(
      Path entries,
      NoteVerifier key,
      String trustedNote,
      List<StoredCheckpoint> checkpoints,
      boolean deep)
      throws ProofException, IOException {
    LogVerifier verifier = new LogVerifier(key, trustedNote, checkpoints);
    return new ExportVerification(
            verifier,
            deep,
            ExportVerification.DEFAULT_CHUNK_BYTES,
            Runtime.getRuntime().availableProcessors())
        .run(entries);
  }
}
