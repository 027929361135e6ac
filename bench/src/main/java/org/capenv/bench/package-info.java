/** Benchmarks; see bench/README.md. */
package org.capenv.bench;
