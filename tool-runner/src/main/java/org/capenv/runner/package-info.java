/** Runs approved tool versions in isolation: Kubernetes Jobs or a bubblewrap sandbox. */
package org.capenv.runner;
