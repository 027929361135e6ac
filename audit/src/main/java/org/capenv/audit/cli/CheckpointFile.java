package org.capenv.audit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.capenv.audit.canonical.CanonicalJson;
import org.capenv.audit.canonical.NonCanonicalJsonException;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.store.StoredCheckpoint;

/**
 * Exported checkpoints: one canonical JSON object per line, {@code {"note":..., "rootHash": hex,
 * "treeSize": n}}, smallest tree first.
 */
final class CheckpointFile {
  private CheckpointFile() {}

  static String line(StoredCheckpoint c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("treeSize", c.treeSize());
    m.put("rootHash", Hex.of(c.rootHash()));
    m.put("note", c.note());
    return CanonicalJson.encodeToString(m);
  }

  static List<StoredCheckpoint> read(Path file) throws IOException {
    List<StoredCheckpoint> out = new ArrayList<>();
    int n = 0;
    for (String line : TextFiles.lines(file, "checkpoints file")) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      try {
        Map<?, ?> m = (Map<?, ?>) CanonicalJson.parse(line.getBytes(StandardCharsets.UTF_8));
        out.add(
            new StoredCheckpoint(
                (Long) m.get("treeSize"),
                Hex.parse((String) m.get("rootHash")),
                (String) m.get("note")));
      } catch (NonCanonicalJsonException
          | ClassCastException
          | NullPointerException
          | IllegalArgumentException e) {
        throw new IOException(
            file + " line " + n + ": not an exported checkpoint: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
