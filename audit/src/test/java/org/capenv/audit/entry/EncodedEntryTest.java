package org.capenv.audit.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.capenv.audit.canonical.CanonicalJson;
import org.capenv.audit.testing.Samples;
import org.junit.jupiter.api.Test;

/** Encoding ahead of the sequence number gives exactly the bytes of {@link EntryCodec#encode}. */
class EncodedEntryTest {
  private static final long[] SEQS = {
    0, 1, 9, 10, 99, 100, 12_345, 1L << 32, CanonicalJson.MAX_SAFE_INTEGER
  };

  @Test
  void sameBytesAsEncodeForEverySampleAndNumberOfDigits() {
    for (int i = 0; i < 60; i++) {
      AuditEntry e = Samples.entry(i);
      EncodedEntry encoded = EntryCodec.encodeWithoutSeq(e);
      assertThat(encoded.entry()).isSameAs(e);
      for (long seq : SEQS) {
        assertThat(encoded.bytes(seq)).isEqualTo(EntryCodec.encode(seq, e));
      }
    }
  }

  @Test
  void slotIsTheTopLevelSeqEvenWithNonAsciiAndANestedSeqBeforeIt() throws InvalidEntryException {
    // "details" sorts before "seq" and holds a member of the same name; the non-ASCII purpose
    // (multi-byte UTF-8, a surrogate pair) comes before the slot too, so char and byte offsets
    // differ
    AuditEntry e =
        AuditEntry.builder(Action.RUN_REQUESTED, Samples.analyst(1))
            .time(Instant.parse("2026-11-25T09:15:42.123456Z"))
            .justification("r\u00e9sum\u00e9 \u2014 \ud83d\udd0d \"seq\":7", "OP-1")
            .detail("seq", "12")
            .detail("note", "\"seq\":3,")
            .build();
    EncodedEntry encoded = EntryCodec.encodeWithoutSeq(e);
    for (long seq : SEQS) {
      byte[] bytes = encoded.bytes(seq);
      assertThat(bytes).isEqualTo(EntryCodec.encode(seq, e));
      assertThat(EntryCodec.decode(bytes).seq()).isEqualTo(seq);
    }
  }

  @Test
  void refusesNumbersOutsideTheCanonicalRange() {
    EncodedEntry encoded = EntryCodec.encodeWithoutSeq(EntryCodecTest.golden());
    assertThatThrownBy(() -> encoded.bytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> encoded.bytes(CanonicalJson.MAX_SAFE_INTEGER + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void markedValueRangeIsInBytes() {
    CanonicalJson.Marked m =
        CanonicalJson.encodeMarked(new LinkedHashMap<>(Map.of("a", "\u00e9\u2014", "b", 42L)), "b");
    assertThat(new String(m.utf8(), m.valueFrom(), m.valueTo() - m.valueFrom())).isEqualTo("42");
    assertThatThrownBy(() -> CanonicalJson.encodeMarked(Map.of("a", 1L), "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(m.valueFrom(), m.valueTo())).containsExactly(17, 19);
  }
}
