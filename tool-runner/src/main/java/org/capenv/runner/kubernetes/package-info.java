/**
 * The Kubernetes backend: one hardened Job per run behind a per-run NetworkPolicy, with staged
 * inputs and outputs. See docs/runner-kubernetes.md.
 */
package org.capenv.runner.kubernetes;
