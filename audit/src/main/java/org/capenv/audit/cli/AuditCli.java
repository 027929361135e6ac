package org.capenv.audit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code capenv-audit}: verify, export, prove and print checkpoints of the capenv audit log,
 * offline or against its database. Exit status: 0 success, 1 verification failed, 2 usage error, 3
 * the operation could not be carried out (I/O, database).
 */
@Command(
    name = "capenv-audit",
    mixinStandardHelpOptions = true,
    version = "capenv-audit 0.1",
    description = "Verify, export and prove the capenv tamper-evident audit log.",
    subcommands = {
      VerifyCommand.class,
      ExportCommand.class,
      ProveCommand.class,
      CheckpointCommand.class,
      KeygenCommand.class
    })
public final class AuditCli implements Runnable {
  static final int VERIFY_FAILED = 1;
  static final int ERROR = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Runs the CLI with the given streams and returns the exit status. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new AuditCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("capenv-audit: " + e.getMessage());
          commandLine.getErr().flush();
          return ERROR;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }
}
