/**
 * What a run is: {@link org.capenv.runner.spec.RunSpec}, built by the platform from an approved
 * manifest only, and {@link org.capenv.runner.spec.ArgvTemplate}, which expands a manifest's argv
 * template without a shell.
 */
package org.capenv.runner.spec;
