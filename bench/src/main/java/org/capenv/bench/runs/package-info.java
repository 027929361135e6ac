/**
 * Load harness of run submission through the REST API, with the Kubernetes runner on the fabric8
 * mock API server, next to the raw cost of creating the same objects with the fabric8 client.
 */
package org.capenv.bench.runs;
