package org.capenv.runner.spec;

/**
 * An output file the manifest declares; the tool writes it at {@code /out/<name>}.
 *
 * @param name file name, one path segment
 * @param maxBytes largest accepted size; a bigger file fails the run
 */
public record DeclaredOutput(String name, long maxBytes) {
  public DeclaredOutput {
    Names.file("output name", name);
    if (maxBytes <= 0) {
      throw new InvalidRunSpecException("output " + name + ": maxBytes must be positive");
    }
  }

  public String sandboxPath() {
    return "/out/" + name;
  }
}
