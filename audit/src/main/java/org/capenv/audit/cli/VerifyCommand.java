package org.capenv.audit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.capenv.audit.merkle.ProofException;
import org.capenv.audit.note.NoteVerifier;
import org.capenv.audit.store.StoredCheckpoint;
import org.capenv.audit.verify.LogVerification;
import org.capenv.audit.verify.VerificationResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    description = {
      "Recompute every leaf and the whole tree, check every stored checkpoint's signature and its"
          + " root, and compare with a checkpoint you trust. Names the first bad sequence number.",
      "Exit 0: verified; 1: the log failed verification; 3: could not be read."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Source {
    @ArgGroup(exclusive = false)
    DatabaseOptions db;

    @Option(names = "--file", description = "exported JSON Lines file (from `export`)")
    Path file;
  }

  @ArgGroup(multiplicity = "1")
  Source source;

  @Option(
      names = "--checkpoints",
      description =
          "with --file: the checkpoints exported alongside (from `export --checkpoints-out`)")
  Path checkpoints;

  @Option(
      names = "--trusted-checkpoint",
      required = true,
      description = "signed checkpoint note you hold independently")
  Path trusted;

  @Option(
      names = "--verifier-key",
      required = true,
      description = "the log's verifier key, name+keyid+base64key, or @file")
  String verifierKey;

  @Option(
      names = "--deep",
      description = "also decode every entry against the entry format schema (slower)")
  boolean deep;

  @Override
  public Integer call() throws Exception {
    NoteVerifier key = NoteVerifier.parse(Keys.read(verifierKey));
    String trustedNote = TextFiles.read(trusted, "trusted checkpoint");
    VerificationResult result;
    try {
      if (source.file != null) {
        List<StoredCheckpoint> stored =
            checkpoints == null ? List.of() : CheckpointFile.read(checkpoints);
        result = LogVerification.file(source.file, key, trustedNote, stored, deep);
      } else {
        result = LogVerification.database(source.db.dataSource(), key, trustedNote, deep);
      }
    } catch (ProofException e) {
      spec.commandLine().getErr().println("FAILED: the trusted checkpoint: " + e.getMessage());
      return AuditCli.VERIFY_FAILED;
    }
    (result.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr())
        .println(result.summary());
    return result.ok() ? 0 : AuditCli.VERIFY_FAILED;
  }
}
