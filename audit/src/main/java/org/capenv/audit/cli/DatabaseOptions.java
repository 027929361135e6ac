package org.capenv.audit.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/**
 * How to reach the database. The password never goes on the command line (other users can read it
 * there): it comes from a file or from the environment variable {@code CAPENV_AUDIT_DB_PASSWORD}. A
 * read-only role (e.g. a member of {@code capenv_audit_reader}) is enough for every command.
 */
final class DatabaseOptions {
  @Option(
      names = "--db-url",
      required = true,
      description = "JDBC URL, jdbc:postgresql://host:port/db")
  String url;

  @Option(names = "--db-user", required = true, description = "database role")
  String user;

  @Option(names = "--db-password-file", description = "file holding the password")
  Path passwordFile;

  PGSimpleDataSource dataSource() throws IOException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    String password =
        passwordFile != null
            ? TextFiles.read(passwordFile, "password file").strip()
            : System.getenv("CAPENV_AUDIT_DB_PASSWORD");
    if (password != null) {
      ds.setPassword(password);
    }
    return ds;
  }
}
