/**
 * The capenv control plane (Quarkus application). Features live in sub-packages ({@code tool},
 * {@code run}, {@code audit}, ...) with {@code rest}, {@code service} and {@code persistence}
 * layers; {@code common} and {@code security} hold what every feature shares.
 */
package org.capenv.api;
