/**
 * {@code capenv-stage}: the program of the stager image that moves a Kubernetes run's data, in the
 * {@code stage-in} container ({@code fetch}: inputs into {@code /in}, verified against their
 * SHA-256 and size) and the {@code stage-out} container ({@code upload}: declared outputs of {@code
 * /out} to the platform, with the manifest of their hashes written to the termination log).
 *
 * <p>JDK only (HTTP client, TLS, SHA-256), so the image carries no library beyond the runtime. Data
 * files are never reached through a symbolic link; tokens are never printed.
 */
package org.capenv.runner.stage;
