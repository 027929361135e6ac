package org.capenv.audit.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.capenv.audit.canonical.CanonicalJson;
import org.capenv.audit.merkle.ConsistencyProof;
import org.capenv.audit.merkle.Hex;
import org.capenv.audit.merkle.InclusionProof;
import org.capenv.audit.store.AuditReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "prove",
    description =
        "Print an RFC 9162 inclusion proof (--seq, optionally --tree-size) or consistency proof"
            + " (--old-size, --new-size) as JSON; hashes are hex, bottom-up.")
final class ProveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1")
  DatabaseOptions db;

  @Option(names = "--seq", description = "entry to prove included")
  Long seq;

  @Option(names = "--tree-size", description = "tree size (default: the current size)")
  Long treeSize;

  @Option(names = "--old-size", description = "consistency: the older tree size")
  Long oldSize;

  @Option(names = "--new-size", description = "consistency: the newer tree size (default: current)")
  Long newSize;

  @Override
  public Integer call() throws Exception {
    AuditReader reader = new AuditReader(db.dataSource());
    Map<String, Object> json = new LinkedHashMap<>();
    if (seq != null && oldSize == null) {
      long size = treeSize != null ? treeSize : reader.size();
      InclusionProof p = reader.inclusionProof(seq, size);
      json.put("type", "inclusion");
      json.put("index", p.index());
      json.put("treeSize", p.treeSize());
      json.put("leafHash", Hex.of(p.leafHash()));
      json.put("hashes", hex(p.hashes()));
      json.put("rootHash", Hex.of(reader.rootHash(size)));
    } else if (oldSize != null && seq == null) {
      long size = newSize != null ? newSize : reader.size();
      ConsistencyProof p = reader.consistencyProof(oldSize, size);
      json.put("type", "consistency");
      json.put("oldSize", p.oldSize());
      json.put("newSize", p.newSize());
      json.put("hashes", hex(p.hashes()));
      json.put("oldRootHash", Hex.of(reader.rootHash(oldSize)));
      json.put("newRootHash", Hex.of(reader.rootHash(size)));
    } else {
      spec.commandLine().getErr().println("give either --seq or --old-size");
      return 2;
    }
    spec.commandLine().getOut().println(CanonicalJson.encodeToString(json));
    return 0;
  }

  private static List<Object> hex(List<byte[]> hashes) {
    return hashes.stream().map(h -> (Object) Hex.of(h)).toList();
  }
}
