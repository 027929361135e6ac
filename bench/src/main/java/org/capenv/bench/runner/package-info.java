/** Benchmarks of the tool runner: start overhead of the local bubblewrap sandbox. */
package org.capenv.bench.runner;
