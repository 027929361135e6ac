package org.capenv.audit.entry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.capenv.audit.canonical.CanonicalJson;
import org.capenv.audit.canonical.NonCanonicalJsonException;

/**
 * The canonical encoding of an entry (format version 1): the RFC 8785 canonical JSON of the object
 * described in {@code docs/audit-entry-format.md}. These bytes are what the Merkle leaf hashes,
 * what the database stores and what an export line contains.
 *
 * <p>Decoding is strict: it accepts only bytes that {@link #encode} would have produced for the
 * decoded entry, so two different byte strings never decode to the same entry.
 */
public final class EntryCodec {
  /** Encoding version written in member {@code v}. */
  public static final int VERSION = 1;

  /**
   * The most bytes an entry's encoding may have, its sequence number included: 1 MiB, far above any
   * entry the platform writes (about 1 KB), and a bound that a reader of an export can rely on
   * rather than buffer a line of any length.
   */
  public static final int MAX_BYTES = 1 << 20;

  /** Why bytes longer than {@link #MAX_BYTES} are not an entry. */
  public static final String TOO_LONG =
      "longer than " + MAX_BYTES + " bytes, the most an entry may be";

  /** The most digits a sequence number adds to an encoding made without it. */
  private static final int MAX_SEQ_DIGITS = 16;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final Set<String> TOP =
      Set.of(
          "v",
          "seq",
          "time",
          "action",
          "operation",
          "outcome",
          "actor",
          "target",
          "justification",
          "recipients",
          "tool",
          "runId",
          "parametersDigest",
          "inputs",
          "outputs",
          "policy",
          "traceId",
          "origin",
          "details");

  private EntryCodec() {}

  /** Canonical bytes of {@code entry} at sequence number {@code seq}. */
  public static byte[] encode(long seq, AuditEntry entry) {
    byte[] bytes = CanonicalJson.encode(toMap(seq, entry));
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("the entry is " + TOO_LONG);
    }
    return bytes;
  }

  /**
   * Encodes {@code entry} without its sequence number, which {@link EncodedEntry#bytes(long)} fills
   * in: the expensive part of {@link #encode} done ahead, e.g. outside a lock.
   *
   * @throws IllegalArgumentException if the entry has no canonical encoding
   */
  public static EncodedEntry encodeWithoutSeq(AuditEntry entry) {
    CanonicalJson.Marked marked = CanonicalJson.encodeMarked(toMap(0, entry), "seq");
    // with the slot's "0" replaced by any sequence number
    if (marked.utf8().length - 1 + MAX_SEQ_DIGITS > MAX_BYTES) {
      throw new IllegalArgumentException("the entry is " + TOO_LONG);
    }
    return new EncodedEntry(entry, marked);
  }

  /** Formats a time the way the canonical form does. */
  public static String formatTime(Instant time) {
    return TIME.format(time);
  }

  static Map<String, Object> toMap(long seq, AuditEntry e) {
    if (seq < 0) {
      throw new IllegalArgumentException("negative sequence number " + seq);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", (long) VERSION);
    m.put("seq", seq);
    m.put("time", formatTime(e.time()));
    m.put("action", e.action().code());
    put(m, "operation", e.operation() == null ? null : e.operation().code());
    m.put("outcome", e.outcome().code());
    Actor a = e.actor();
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("subject", a.subject());
    put(actor, "username", a.username());
    put(actor, "force", a.force());
    put(actor, "clientId", a.clientId());
    putList(actor, "roles", a.roles());
    put(actor, "vetting", a.vetting());
    m.put("actor", actor);
    if (e.target() != null) {
      m.put("target", Map.of("type", e.target().type(), "id", e.target().id()));
    }
    if (e.justification() != null) {
      Map<String, Object> j = new LinkedHashMap<>();
      put(j, "purpose", e.justification().purpose());
      put(j, "caseReference", e.justification().caseReference());
      m.put("justification", j);
    }
    putList(m, "recipients", e.recipients());
    if (e.tool() != null) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("name", e.tool().name());
      t.put("version", e.tool().version());
      put(t, "image", e.tool().image());
      m.put("tool", t);
    }
    put(m, "runId", e.runId());
    put(m, "parametersDigest", e.parametersDigest());
    putList(m, "inputs", files(e.inputs()));
    putList(m, "outputs", files(e.outputs()));
    if (e.policy() != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("bundleDigest", e.policy().bundleDigest());
      p.put("decision", e.policy().decision());
      putList(p, "rules", e.policy().rules());
      putList(p, "reasons", e.policy().reasons());
      m.put("policy", p);
    }
    put(m, "traceId", e.traceId());
    if (e.origin() != null
        && (e.origin().clientAddress() != null || e.origin().userAgent() != null)) {
      Map<String, Object> o = new LinkedHashMap<>();
      put(o, "clientAddress", e.origin().clientAddress());
      put(o, "userAgent", e.origin().userAgent());
      m.put("origin", o);
    }
    if (!e.details().isEmpty()) {
      m.put("details", e.details());
    }
    return m;
  }

  private static List<Object> files(List<FileHash> files) {
    List<Object> out = new ArrayList<>(files.size());
    for (FileHash f : files) {
      out.add(Map.of("name", f.name(), "sha256", f.sha256()));
    }
    return out;
  }

  private static void put(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static void putList(Map<String, Object> m, String key, List<?> value) {
    if (!value.isEmpty()) {
      m.put(key, value);
    }
  }

  /** Decodes canonical bytes; anything else is refused with the reason. */
  public static SequencedEntry decode(byte[] bytes) throws InvalidEntryException {
    return decode(bytes, 0, bytes.length);
  }

  /** Decodes {@code bytes[from, to)}. */
  public static SequencedEntry decode(byte[] bytes, int from, int to) throws InvalidEntryException {
    if (to - from > MAX_BYTES) {
      throw new InvalidEntryException(TOO_LONG);
    }
    Object parsed;
    try {
      parsed = CanonicalJson.parse(bytes, from, to);
    } catch (NonCanonicalJsonException e) {
      throw new InvalidEntryException("not canonical JSON: " + e.getMessage(), e);
    }
    SequencedEntry decoded;
    try {
      decoded = fromMap(new Reader(parsed, "entry").object());
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new InvalidEntryException("not a valid entry: " + e.getMessage(), e);
    }
    byte[] again = encode(decoded.seq(), decoded.entry());
    if (!Arrays.equals(again, 0, again.length, bytes, from, to)) {
      throw new InvalidEntryException("not the canonical form of the entry it describes");
    }
    return decoded;
  }

  private static SequencedEntry fromMap(Map<String, Object> m) {
    for (String key : m.keySet()) {
      if (!TOP.contains(key)) {
        throw new IllegalArgumentException("unknown member " + key);
      }
    }
    long v = Reader.of(m, "v").number();
    if (v != VERSION) {
      throw new IllegalArgumentException("unsupported version " + v);
    }
    long seq = Reader.of(m, "seq").number();
    if (seq < 0) {
      throw new IllegalArgumentException("negative sequence number " + seq);
    }
    Instant time;
    String t = Reader.of(m, "time").text();
    try {
      time = Instant.from(TIME.parse(t));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time is not yyyy-MM-ddTHH:mm:ss.ffffffZ: " + t);
    }
    Map<String, Object> a = Reader.of(m, "actor").object();
    Actor actor =
        new Actor(
            Reader.of(a, "subject").text(),
            Reader.optText(a, "username"),
            Reader.optText(a, "force"),
            Reader.optText(a, "clientId"),
            Reader.optTexts(a, "roles"),
            Reader.optText(a, "vetting"));
    AuditEntry.Builder b =
        AuditEntry.builder(Action.fromCode(Reader.of(m, "action").text()), actor)
            .time(time)
            .outcome(Outcome.fromCode(Reader.of(m, "outcome").text()));
    String op = Reader.optText(m, "operation");
    b.operation(op == null ? null : OperationKind.fromCode(op));
    if (m.containsKey("target")) {
      Map<String, Object> tg = Reader.of(m, "target").object();
      b.target(Reader.of(tg, "type").text(), Reader.of(tg, "id").text());
    }
    if (m.containsKey("justification")) {
      Map<String, Object> j = Reader.of(m, "justification").object();
      b.justification(Reader.optText(j, "purpose"), Reader.optText(j, "caseReference"));
    }
    Reader.optTexts(m, "recipients").forEach(b::recipient);
    if (m.containsKey("tool")) {
      Map<String, Object> tl = Reader.of(m, "tool").object();
      b.tool(
          Reader.of(tl, "name").text(),
          Reader.of(tl, "version").text(),
          Reader.optText(tl, "image"));
    }
    b.runId(Reader.optText(m, "runId"));
    b.parametersDigest(Reader.optText(m, "parametersDigest"));
    for (Map<String, Object> f : Reader.optObjects(m, "inputs")) {
      b.input(Reader.of(f, "name").text(), Reader.of(f, "sha256").text());
    }
    for (Map<String, Object> f : Reader.optObjects(m, "outputs")) {
      b.output(Reader.of(f, "name").text(), Reader.of(f, "sha256").text());
    }
    if (m.containsKey("policy")) {
      Map<String, Object> p = Reader.of(m, "policy").object();
      b.policy(
          new PolicyRef(
              Reader.of(p, "bundleDigest").text(),
              Reader.of(p, "decision").text(),
              Reader.optTexts(p, "rules"),
              Reader.optTexts(p, "reasons")));
    }
    b.traceId(Reader.optText(m, "traceId"));
    if (m.containsKey("origin")) {
      Map<String, Object> o = Reader.of(m, "origin").object();
      b.origin(Reader.optText(o, "clientAddress"), Reader.optText(o, "userAgent"));
    }
    if (m.containsKey("details")) {
      for (Map.Entry<String, Object> d : Reader.of(m, "details").object().entrySet()) {
        b.detail(d.getKey(), new Reader(d.getValue(), "details." + d.getKey()).text());
      }
    }
    return new SequencedEntry(seq, b.build());
  }
}
