package org.capenv.bench.audit;

/**
 * Entry point: {@code append [seconds]}, {@code verify [entries] [repeats]}, {@code proofs
 * [entries] [samples]}. See bench/README-audit.md.
 */
public final class AuditBench {
  private AuditBench() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    if (what.equals("append") || what.equals("all")) {
      new AppendThroughput().run(args.length > 1 ? Integer.parseInt(args[1]) : 10);
    }
    if (what.equals("verify") || what.equals("all")) {
      new VerifyRate()
          .run(
              args.length > 1 ? Long.parseLong(args[1]) : 1_000_000,
              args.length > 2 ? Integer.parseInt(args[2]) : 3);
    }
    if (what.equals("proofs") || what.equals("all")) {
      new ProofLatency()
          .run(
              args.length > 1 ? Long.parseLong(args[1]) : 1_000_000,
              args.length > 2 ? Integer.parseInt(args[2]) : 2000);
    }
  }
}
