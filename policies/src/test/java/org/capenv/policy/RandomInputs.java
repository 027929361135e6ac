package org.capenv.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated policy inputs for differential tests: real labels and near misses, empty and missing
 * values (which {@link PolicyInput} turns into empty ones), CEL's trim whitespace and other
 * Unicode, lone surrogates, long strings, boundary integers, malformed settings and times around
 * daylight-saving changes. A fixed seed makes a failure reproducible.
 */
final class RandomInputs {
  private static final String[] STRINGS = {
    "",
    " ",
    "\t\n",
    "\u00a0",
    "\u2028x\u3000",
    "\u200b",
    "\u2028",
    "\u0085\u3000\u1680",
    "\u2009123456789\u2028",
    "\u202f0123456789\u205f",
    "\u0000",
    "norfolk",
    "suffolk",
    "Norfolk",
    "*",
    "NPPV1",
    "NPPV2",
    "NPPV3",
    "nppv2",
    "NPPV4",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "SECRET",
    "secret",
    "TOP SECRET",
    "analyst",
    "supervisor",
    "auditor",
    "force-integration",
    "tool-steward",
    "force",
    "national",
    "region:east",
    "capenv-portal",
    "csv-stats",
    "legacy-tool",
    "OP-NORTHWIND-2026-041",
    "AB",
    "ABC",
    "A-",
    "op-1",
    "ÄBC-1",
    "A\nBC",
    "ABC\n",
    "😀😀😀",
    "\ud800",
    "x\udc00y",
    "Summarise seized call records",
    "too short",
    "  padded purpose  ",
    "'; DROP TABLE runs; --",
    "${jndi:ldap://x}",
    "A" + "B".repeat(63),
    "A" + "B".repeat(64),
  };
  private static final String[] NUMBERS = {
    "1073741824", "0", "-1", "+5", " 5", "abc", "", "9223372036854775807", "9223372036854775808"
  };
  private static final String[] LISTS = {
    "", ",", "csv-stats", "legacy-tool,withdrawn-tool", "a,,csv-stats", "csv-stats,", "CSV-STATS"
  };
  private static final long[] LONGS = {
    0, 1, -1, 127, 128, 52_311, 1_073_741_824L, 1_073_741_825L, Long.MAX_VALUE, Long.MIN_VALUE
  };
  private static final String[] TIMES = {
    "2026-11-25T10:00:00Z",
    "2026-11-25T06:59:59Z",
    "2026-11-25T07:00:00Z",
    "2026-11-25T18:59:59Z",
    "2026-11-25T19:00:00Z",
    "2026-03-29T00:59:59Z",
    "2026-03-29T01:00:00Z",
    "2026-10-25T00:30:00Z",
    "2026-10-25T01:30:00Z",
    "2026-06-30T18:00:00Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
  };

  private final Random random;

  RandomInputs(long seed) {
    this.random = new Random(seed);
  }

  PolicyInput next() {
    return new PolicyInput(
        new PolicyInput.User(maybe(), maybe(), maybe(), list(), maybe(), maybe(), maybe()),
        new PolicyInput.Tool(maybe(), maybe(), maybe(), maybe(), list(), list()),
        new PolicyInput.Request(maybe(), maybe(), maybe(), longValue()),
        new PolicyInput.Env(Instant.parse(pick(TIMES)), settings()));
  }

  private String maybe() {
    return random.nextInt(12) == 0 ? null : pick(STRINGS);
  }

  private List<String> list() {
    if (random.nextInt(10) == 0) {
      return null;
    }
    List<String> l = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      l.add(pick(STRINGS));
    }
    return l;
  }

  private long longValue() {
    return random.nextInt(4) == 0 ? random.nextLong() : LONGS[random.nextInt(LONGS.length)];
  }

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    if (random.nextBoolean()) {
      s.put("maxInputBytes", pick(NUMBERS));
    }
    if (random.nextBoolean()) {
      s.put("suspendedTools", pick(LISTS));
    }
    if (random.nextInt(4) == 0) {
      s.put(pick(STRINGS), pick(STRINGS));
    }
    return s;
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
