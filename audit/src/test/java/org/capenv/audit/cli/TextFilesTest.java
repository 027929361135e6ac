package org.capenv.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys, notes, passwords and checkpoint files: strict UTF-8, bounded, each error naming the file.
 */
class TextFilesTest {
  @TempDir Path dir;

  @Test
  void aSmallTextFileIsReadWhole() throws IOException {
    Path note = Files.writeString(dir.resolve("cp.note"), "capenv.test/audit\n3\nAAAA\n\n— x\n");
    assertThat(TextFiles.read(note, "trusted checkpoint"))
        .isEqualTo("capenv.test/audit\n3\nAAAA\n\n— x\n");
  }

  @Test
  void aFileThatIsNotUtf8IsNamed() throws IOException {
    Path binary = Files.write(dir.resolve("ls"), new byte[] {0x7f, 'E', 'L', 'F', (byte) 0xff, 0});
    assertThatThrownBy(() -> TextFiles.read(binary, "trusted checkpoint"))
        .isInstanceOf(IOException.class)
        .hasMessage("trusted checkpoint " + binary + " is not UTF-8 text");
  }

  @Test
  void aFileLongerThanAnyNoteIsNotReadWhole() throws IOException {
    Path big = Files.write(dir.resolve("big"), new byte[TextFiles.MAX_BYTES + 1]);
    assertThatThrownBy(() -> TextFiles.read(big, "key file"))
        .hasMessage("key file " + big + " is longer than " + TextFiles.MAX_BYTES + " bytes");
    Path fits = Files.write(dir.resolve("fits"), "k".repeat(TextFiles.MAX_BYTES).getBytes());
    assertThat(TextFiles.read(fits, "key file")).hasSize(TextFiles.MAX_BYTES);
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> TextFiles.read(missing, "password file"))
        .hasMessage("password file " + missing + " does not exist");
    assertThatThrownBy(() -> TextFiles.lines(missing, "checkpoints file"))
        .hasMessage("checkpoints file " + missing + " does not exist");
  }

  @Test
  void linesEndInANewlineOrACarriageReturnAndNewline() throws IOException {
    Path file = Files.writeString(dir.resolve("cps.jsonl"), "{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}");
    assertThat(TextFiles.lines(file, "checkpoints file"))
        .containsExactly("{\"a\":1}", "", "{\"b\":2}", "{\"c\":3}");
  }

  @Test
  void aLineLongerThanAnyCheckpointIsNamedWithoutReadingOn() throws IOException {
    Path file = dir.resolve("long.jsonl");
    Files.writeString(
        file, "{\"a\":1}\n" + "x".repeat(TextFiles.MAX_BYTES + 1) + "\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> TextFiles.lines(file, "checkpoints file"))
        .hasMessage(
            "checkpoints file "
                + file
                + " line 2 is longer than "
                + TextFiles.MAX_BYTES
                + " bytes");
    Path bad = Files.write(dir.resolve("bad.jsonl"), new byte[] {'{', '}', '\n', (byte) 0xc3});
    assertThatThrownBy(() -> TextFiles.lines(bad, "checkpoints file"))
        .hasMessage("checkpoints file " + bad + " line 2 is not UTF-8 text");
  }
}
