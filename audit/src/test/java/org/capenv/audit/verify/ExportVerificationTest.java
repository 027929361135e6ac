package org.capenv.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.capenv.audit.entry.EntryCodec;
import org.capenv.audit.merkle.Frontier;
import org.capenv.audit.merkle.MerkleHash;
import org.capenv.audit.note.Checkpoint;
import org.capenv.audit.note.NoteSigner;
import org.capenv.audit.note.SignedCheckpoint;
import org.capenv.audit.store.RawEntry;
import org.capenv.audit.store.StoredCheckpoint;
import org.capenv.audit.testing.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pipelined export verification gives exactly the result of feeding the file's lines one by one
 * to {@link LogVerifier}, for intact and damaged files, with blocks smaller than a line (so lines
 * cross block boundaries and buffers grow) and larger than the file.
 */
class ExportVerificationTest {
  private static final String ORIGIN = "capenv.test/audit";
  private static final NoteSigner SIGNER = NoteSigner.generate(ORIGIN);
  private static final int ENTRIES = 40;
  private static final List<byte[]> LINES = new ArrayList<>();
  private static final List<StoredCheckpoint> CHECKPOINTS = new ArrayList<>();
  private static final String TRUSTED;

  static {
    Frontier tree = Frontier.empty();
    String last = null;
    for (int i = 0; i < ENTRIES; i++) {
      byte[] line = EntryCodec.encode(i, Samples.entry(i));
      LINES.add(line);
      tree.append(MerkleHash.leafHash(line));
      if ((i + 1) % 10 == 0) {
        Checkpoint cp = new Checkpoint(ORIGIN, i + 1, tree.root());
        last = SignedCheckpoint.sign(cp, SIGNER).note();
        CHECKPOINTS.add(new StoredCheckpoint(i + 1, cp.rootHash(), last));
      }
    }
    TRUSTED = last;
  }

  @TempDir Path dir;

  static Stream<Arguments> damage() {
    return Stream.of(
        Arguments.of("intact", (UnaryOperator<byte[]>) b -> b),
        Arguments.of("one byte changed", edit(b -> replace(b, "\"seq\":17", "\"seq\":18", 1))),
        Arguments.of("whitespace added", edit(b -> replace(b, "\"seq\":", "\"seq\": ", 3))),
        Arguments.of("value edited", edit(b -> replace(b, "norfolk", "norwich", 2))),
        Arguments.of("line deleted", lines(l -> l.remove(14))),
        Arguments.of("lines swapped", lines(l -> l.add(21, l.remove(20)))),
        Arguments.of("line repeated", lines(l -> l.add(30, l.get(29)))),
        Arguments.of("empty line", lines(l -> l.add(5, new byte[0]))),
        Arguments.of("log truncated", lines(l -> l.subList(25, l.size()).clear())),
        Arguments.of("empty file", lines(List::clear)),
        Arguments.of(
            "no final newline", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length - 1)),
        Arguments.of("last line cut", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length - 40)),
        Arguments.of("carriage returns", edit(b -> replace(b, "\n", "\r\n", 1))),
        // the fast check finds each line's end by scanning its object: lines whose object ends
        // before, or runs past, their newline must still be cut at the newline
        Arguments.of("two entries on one line", edit(b -> replace(b, "}\n{", "}{", 4))),
        Arguments.of("bytes after the object", edit(b -> replace(b, "}\n", "} \n", 6))),
        Arguments.of("newline inside a string", edit(b -> replace(b, "norfolk", "nor\nfolk", 2))),
        // past the most an entry may be: failed without the line being kept whole, and the
        // lines after it still counted
        Arguments.of("a line just too long", lines(l -> l.add(12, longLine(EntryCodec.MAX_BYTES)))),
        Arguments.of("a line of 5 MiB", lines(l -> l.add(7, longLine(5 << 20)))),
        Arguments.of(
            "a last line of 3 MiB without its newline",
            (UnaryOperator<byte[]>)
                b -> {
                  byte[] tail = longLine(3 << 20);
                  byte[] out = Arrays.copyOf(b, b.length + tail.length);
                  System.arraycopy(tail, 0, out, b.length, tail.length);
                  return out;
                }));
  }

  /** A line of {@code bytes + 1} bytes that would be a canonical object but for its length. */
  private static byte[] longLine(int bytes) {
    String head = "{\"seq\":12,\"x\":\"";
    return (head + "a".repeat(bytes + 1 - head.length() - 2) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damage")
  void givesTheResultOfCheckingLineByLine(String name, UnaryOperator<byte[]> change)
      throws Exception {
    byte[] file = change.apply(join(LINES));
    Path export = dir.resolve("log.jsonl");
    Files.write(export, file);
    VerificationResult expected = lineByLine(file);
    for (int chunkBytes : new int[] {64, 700, 5000, 1 << 20}) {
      for (int workers : new int[] {1, 3}) {
        LogVerifier verifier = new LogVerifier(SIGNER.verifier(), TRUSTED, CHECKPOINTS);
        VerificationResult actual =
            new ExportVerification(verifier, false, chunkBytes, workers).run(export);
        assertThat(actual).as("%s, blocks of %d bytes", name, chunkBytes).isEqualTo(expected);
      }
    }
    assertThat(expected.ok()).isEqualTo(name.equals("intact"));
  }

  /**
   * A line past the most an entry may be is named as such, fast or deep, however long: before, a
   * line longer than 1 GiB grew the buffer past an int's range and the reader never returned.
   */
  @Test
  void aLineLongerThanAnEntryMayBeIsNamed() throws Exception {
    List<byte[]> lines = new ArrayList<>(LINES);
    lines.add(7, longLine(5 << 20));
    Path export = dir.resolve("long.jsonl");
    Files.write(export, join(lines));
    for (boolean deep : new boolean[] {false, true}) {
      VerificationResult result =
          new ExportVerification(
                  new LogVerifier(SIGNER.verifier(), TRUSTED, CHECKPOINTS), deep, 1 << 22, 2)
              .run(export);
      assertThat(result.firstBad().orElseThrow().seq()).isEqualTo(7);
      assertThat(result.firstBad().orElseThrow().reason())
          .isEqualTo("entry 7 is not a valid canonical entry: " + EntryCodec.TOO_LONG);
      assertThat(result.entries()).isEqualTo(ENTRIES + 1);
    }
  }

  @Test
  void deepDecodesEveryLineAgainstTheSchema() throws Exception {
    List<byte[]> lines = new ArrayList<>(LINES);
    String third = new String(lines.get(3), StandardCharsets.UTF_8);
    lines.set(
        3,
        third
            .replaceFirst("\"action\":\"[a-z.]+\"", "\"action\":\"no.such\"")
            .getBytes(StandardCharsets.UTF_8));
    Path export = dir.resolve("schema.jsonl");
    Files.write(export, join(lines));

    VerificationResult fast =
        new ExportVerification(
                new LogVerifier(SIGNER.verifier(), TRUSTED, CHECKPOINTS), false, 700, 2)
            .run(export);
    VerificationResult deep =
        new ExportVerification(
                new LogVerifier(SIGNER.verifier(), TRUSTED, CHECKPOINTS), true, 700, 2)
            .run(export);

    // canonical JSON still: only the signed root tells, for the range before checkpoint 10
    assertThat(fast.firstBad().orElseThrow().seq()).isZero();
    assertThat(deep.firstBad().orElseThrow().seq()).isEqualTo(3);
    assertThat(deep.firstBad().orElseThrow().reason())
        .startsWith("entry 3 is not a valid canonical entry: ");
    Files.write(export, join(LINES));
    assertThat(
            new ExportVerification(
                    new LogVerifier(SIGNER.verifier(), TRUSTED, CHECKPOINTS), true, 700, 2)
                .run(export)
                .ok())
        .isTrue();
  }

  /** The reference: split on newlines, feed each line in order, refuse a missing final newline. */
  private static VerificationResult lineByLine(byte[] file) throws Exception {
    LogVerifier verifier = new LogVerifier(SIGNER.verifier(), TRUSTED, CHECKPOINTS);
    long position = 0;
    int start = 0;
    for (int i = 0; i <= file.length; i++) {
      if (i == file.length || file[i] == '\n') {
        if (i == file.length && start == i) {
          break;
        }
        verifier.accept(new RawEntry(position++, Arrays.copyOfRange(file, start, i), null, null));
        if (i == file.length) {
          return new VerificationResult(
              position,
              0,
              0,
              Optional.of(
                  new VerificationResult.Failure(
                      position - 1, "the last line has no newline: the file is truncated")));
        }
        start = i + 1;
      }
    }
    return verifier.finish();
  }

  private static UnaryOperator<byte[]> edit(UnaryOperator<String> change) {
    return b ->
        change.apply(new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  private static UnaryOperator<byte[]> lines(Consumer<List<byte[]>> change) {
    return b -> {
      List<byte[]> l = new ArrayList<>(LINES);
      change.accept(l);
      return join(l);
    };
  }

  private static String replace(String s, String what, String with, int nth) {
    int at = -1;
    for (int i = 0; i < nth; i++) {
      at = s.indexOf(what, at + 1);
    }
    return s.substring(0, at) + with + s.substring(at + what.length());
  }

  private static byte[] join(List<byte[]> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] l : lines) {
      out.writeBytes(l);
      out.write('\n');
    }
    return out.toByteArray();
  }
}
