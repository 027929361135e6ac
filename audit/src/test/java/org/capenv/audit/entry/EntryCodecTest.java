package org.capenv.audit.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.capenv.audit.canonical.CanonicalJson;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.MerkleHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden vector is also printed in docs/audit-entry-format.md; its bytes were cross-checked
 * with an independent JSON implementation (sorted keys, no whitespace, UTF-8).
 */
class EntryCodecTest {
  static final String GOLDEN_LEAF =
      "fd622ab289d8fbed0ee3a2b1c7b21ee2e030770af0e830ddab68982bfa520ba8";

  static AuditEntry golden() {
    return AuditEntry.builder(
            Action.OUTPUT_DISCLOSED,
            new Actor(
                "8d2f6a3e-41c7-4d0b-9d3c-6f1e2a7b9c01",
                "j.smith",
                "norfolk",
                "capenv-portal",
                List.of("supervisor", "analyst"),
                "NPPV2"))
        .time(Instant.parse("2026-11-25T09:15:42.123456789Z"))
        .target("output", "c0ffee" + "0".repeat(58))
        .justification(
            "Disclosure of image metadata to the CPS for charging advice \u2014 \"Op Heron\"",
            "NK-2026-0415")
        .recipient("cps:east-of-england")
        .tool(
            "exif", "12.76", "registry.example.police.uk/tools/exiftool@sha256:" + "3f".repeat(32))
        .runId("run-01JDX7")
        .parametersDigest("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        .input("IMG_0042.JPG", "a".repeat(64))
        .output("metadata.json", "b".repeat(64))
        .policy(
            new PolicyRef(
                "sha256:" + "9".repeat(64),
                "allow",
                List.of("same-force", "vetting-nppv2"),
                List.of("analyst of norfolk may disclose norfolk outputs")))
        .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .origin("10.20.30.40", "Mozilla/5.0 (X11; Linux x86_64)\tcapenv")
        .detail("format", "json")
        .build();
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = EntryCodecTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void theGoldenEntryEncodesToTheDocumentedBytesAndLeafHash() throws Exception {
    byte[] expected = resource("golden-entry-v1.json");
    byte[] bytes = EntryCodec.encode(42, golden());
    assertThat(new String(bytes, "UTF-8")).isEqualTo(new String(expected, "UTF-8"));
    assertThat(Hex.of(MerkleHash.leafHash(bytes))).isEqualTo(GOLDEN_LEAF);
    SequencedEntry decoded = EntryCodec.decode(expected);
    assertThat(decoded.seq()).isEqualTo(42);
    assertThat(decoded.entry()).isEqualTo(golden());
    assertThat(decoded.entry().time()).isEqualTo(Instant.parse("2026-11-25T09:15:42.123456Z"));
  }

  @Test
  void theEncodingDoesNotDependOnTheOrderRolesOrDetailsWereGivenIn() {
    AuditEntry a = golden().toBuilder().detail("a", "1").detail("z", "2").build();
    AuditEntry b = golden().toBuilder().detail("z", "2").detail("a", "1").build();
    assertThat(EntryCodec.encode(1, a)).isEqualTo(EntryCodec.encode(1, b));
  }

  /**
   * An encoding may not pass {@link EntryCodec#MAX_BYTES}, its sequence number included, whichever
   * way it is made; bytes past it are not an entry.
   */
  @Test
  void anEntryIsAtMostOneMebibyte() throws Exception {
    int base = EntryCodec.encode(0, golden()).length;
    // a detail of n characters adds n + 8 bytes: ,"x":"…"
    AuditEntry largest = golden().toBuilder().detail("x", "a".repeat(1_040_000)).build();
    int slack = EntryCodec.MAX_BYTES - EntryCodec.encode(0, largest).length;
    AuditEntry fits = golden().toBuilder().detail("x", "a".repeat(1_040_000 + slack - 15)).build();
    AuditEntry over = golden().toBuilder().detail("x", "a".repeat(1_040_000 + slack + 1)).build();

    assertThat(base).isLessThan(EntryCodec.MAX_BYTES);
    byte[] atMost = EntryCodec.encode(EntryCodec.MAX_BYTES, fits);
    assertThat(EntryCodec.encodeWithoutSeq(fits).bytes(CanonicalJson.MAX_SAFE_INTEGER).length)
        .isLessThanOrEqualTo(EntryCodec.MAX_BYTES);
    assertThat(EntryCodec.decode(atMost).seq()).isEqualTo(EntryCodec.MAX_BYTES);
    assertThatThrownBy(() -> EntryCodec.encode(0, over))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(EntryCodec.TOO_LONG);
    assertThatThrownBy(() -> EntryCodec.encodeWithoutSeq(over))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(EntryCodec.TOO_LONG);
    byte[] tooLong = Arrays.copyOf(atMost, EntryCodec.MAX_BYTES + 1);
    assertThatThrownBy(() -> EntryCodec.decode(tooLong))
        .isInstanceOf(InvalidEntryException.class)
        .hasMessage(EntryCodec.TOO_LONG);
  }

  static Stream<String> errorFixtures() {
    return Stream.of(
            "disclosure_without_recipient",
            "duplicate_member",
            "empty_object",
            "escaped_slash",
            "fraction",
            "image_tag",
            "invalid_utf8",
            "leading_zero",
            "nanosecond_time",
            "negative_seq",
            "null_member",
            "offset_time",
            "trailing_newline",
            "unknown_action",
            "unknown_member",
            "unneeded_unicode_escape",
            "unsorted_members",
            "unsorted_set",
            "uppercase_digest",
            "version_2",
            "whitespace")
        .map(n -> "error_" + n + ".json");
  }

  @ParameterizedTest
  @MethodSource("errorFixtures")
  void everyNonCanonicalOrInvalidVariantIsRefused(String fixture) throws IOException {
    byte[] bytes = resource(fixture);
    assertThatThrownBy(() -> EntryCodec.decode(bytes))
        .as(fixture)
        .isInstanceOf(InvalidEntryException.class);
  }

  @ParameterizedTest
  @EnumSource(Action.class)
  void everyActionRoundTripsWithItsS62Operation(Action action) throws InvalidEntryException {
    AuditEntry.Builder b =
        AuditEntry.builder(action, Actor.system("test")).time(Instant.EPOCH).recipient("x");
    AuditEntry e = b.build();
    assertThat(e.operation()).isEqualTo(action.defaultOperation());
    assertThat(EntryCodec.decode(EntryCodec.encode(7, e)).entry()).isEqualTo(e);
    assertThat(Action.fromCode(action.code())).isEqualTo(action);
  }

  @Test
  void invalidEntriesCannotBeBuilt() {
    Actor actor = Actor.system("test");
    assertThatThrownBy(() -> AuditEntry.builder(Action.OUTPUT_DISCLOSED, actor).build())
        .hasMessageContaining("recipients");
    assertThatThrownBy(
            () -> AuditEntry.builder(Action.RUN_LAUNCHED, actor).tool("t", "1", "repo:latest"))
        .hasMessageContaining("never a tag");
    assertThatThrownBy(() -> AuditEntry.builder(Action.LOGIN, actor).input("f", "ABC"))
        .hasMessageContaining("64 lower-case hex");
    assertThatThrownBy(() -> new Actor(" ", null, null, null, null, null))
        .hasMessageContaining("actor.subject");
    assertThatThrownBy(() -> AuditEntry.builder(Action.LOGIN, actor).justification(null, " "))
        .hasMessageContaining("purpose or a case reference");
  }
}
