package org.capenv.bench.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.capenv.policy.Decision;
import org.capenv.policy.PolicyBundle;
import org.capenv.policy.PolicyInput;
import org.capenv.policy.PolicyLoadException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one access decision: the shipped rules plus {@link ExtraRules} (20 rules in all), for
 * a request that is allowed and one that several rules deny, next to a no-op decision (a bundle of
 * one rule, {@code true}) that measures the fixed cost of deciding. SampleTime mode, so JMH reports
 * percentiles (p0.99 is the target figure).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PolicyDecisionBenchmark {
  /** Folder of the shipped access policies; relative to the repository root by default. */
  public static final String POLICIES_DIR_PROPERTY = "capenv.policies.dir";

  private PolicyBundle twentyRules;
  private PolicyBundle noOp;
  private PolicyInput allowed;
  private PolicyInput denied;

  @Setup(Level.Trial)
  public void setUp() throws IOException, PolicyLoadException {
    Path shipped = Path.of(System.getProperty(POLICIES_DIR_PROPERTY, "policies/access"));
    Path dir = Files.createTempDirectory("capenv-bench-policy");
    try (Stream<Path> files = Files.list(shipped)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Files.writeString(dir.resolve("zz-bench-extra.yaml"), ExtraRules.YAML);
    twentyRules = PolicyBundle.load(dir);
    if (twentyRules.rules().size() != 20) {
      throw new IllegalStateException(
          "expected 20 rules, the bundle has " + twentyRules.rules().size());
    }
    Path noOpDir = Files.createTempDirectory("capenv-bench-noop");
    Files.writeString(noOpDir.resolve("noop.yaml"), ExtraRules.NO_OP);
    noOp = PolicyBundle.load(noOpDir);

    allowed = input("analyst", "NPPV2", "OFFICIAL-SENSITIVE", "OP-NORTHWIND-2026-041");
    denied = input("auditor", "NPPV1", "SECRET", "");
    check(twentyRules.decide(allowed), true);
    check(twentyRules.decide(denied), false);
    check(noOp.decide(allowed), true);
  }

  @Benchmark
  public Decision twentyRulesAllowed() {
    return twentyRules.decide(allowed);
  }

  @Benchmark
  public Decision twentyRulesDenied() {
    return twentyRules.decide(denied);
  }

  @Benchmark
  public Decision noOpDecision() {
    return noOp.decide(allowed);
  }

  private static void check(Decision d, boolean expectAllowed) {
    if (d.allowed() != expectAllowed) {
      throw new IllegalStateException("benchmark input decided unexpectedly: " + d);
    }
  }

  private static PolicyInput input(
      String role, String vetting, String classification, String caseReference) {
    return new PolicyInput(
        new PolicyInput.User(
            "7f3c2a90-1d4e-4b8a-9c61-2e5f0a7b8d13",
            "a.analyst",
            "norfolk",
            List.of(role),
            vetting,
            "capenv-portal",
            "force"),
        new PolicyInput.Tool(
            "csv-stats",
            "1.2.0",
            "OFFICIAL-SENSITIVE",
            "NPPV1",
            List.of("analyst", "supervisor"),
            List.of("norfolk", "suffolk")),
        new PolicyInput.Request(
            "Summarise seized call records", caseReference, classification, 52_311),
        new PolicyInput.Env(
            Instant.parse("2026-11-25T10:00:00Z"),
            Map.of(
                "maxInputBytes", "1073741824",
                "suspendedTools", "legacy-tool,withdrawn-tool",
                "suspendedForces", "",
                "maintenanceUntil", "2026-01-01T00:00:00Z")));
  }
}
