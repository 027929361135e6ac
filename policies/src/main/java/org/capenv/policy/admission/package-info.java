/**
 * Kubernetes admission policies (ValidatingAdmissionPolicy) of the tools namespace, evaluated
 * outside a cluster with the same CEL engine, so that tests can prove which Jobs the API server
 * would admit.
 */
package org.capenv.policy.admission;
