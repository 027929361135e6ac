package org.capenv.audit.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.capenv.audit.store.AuditReader;
import org.capenv.audit.store.StoredCheckpoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "checkpoint",
    description =
        "Print the latest signed checkpoint exactly as stored (a C2SP signed note). Keep a copy:"
            + " it is what `verify --trusted-checkpoint` checks the log against later.")
final class CheckpointCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1")
  DatabaseOptions db;

  @Override
  public Integer call() throws Exception {
    Optional<StoredCheckpoint> latest = new AuditReader(db.dataSource()).latestStoredCheckpoint();
    if (latest.isEmpty()) {
      spec.commandLine().getErr().println("no checkpoint has been signed yet");
      return AuditCli.ERROR;
    }
    spec.commandLine().getOut().print(latest.get().note());
    return 0;
  }
}
