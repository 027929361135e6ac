/** Benchmarks of the access policy engine (see {@code bench/README-policy.md}). */
package org.capenv.bench.policy;
