/**
 * Load harness for the audit log: durable append throughput against two plain-insert baselines,
 * offline verification rate against sha256sum, and proof latency at a million entries. Run by hand
 * (see bench/README-audit.md), never by verify.
 */
package org.capenv.bench.audit;
