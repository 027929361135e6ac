package org.capenv.audit.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.capenv.audit.note.NoteSigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "keygen",
    description =
        "Generate a checkpoint signing key: the secret PRIVATE+KEY+... form is written to a new"
            + " file readable only by its owner; the public verifier key is printed.")
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--name", required = true, description = "key name, normally the log origin")
  String name;

  @Option(names = "--signer-key-out", required = true, description = "new file for the secret key")
  Path out;

  @Override
  public Integer call() throws Exception {
    NoteSigner signer = NoteSigner.generate(name);
    Files.createFile(
        out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(out, signer.signerKeyText() + "\n", StandardCharsets.UTF_8);
    spec.commandLine().getOut().println(signer.verifierKeyText());
    return 0;
  }
}
