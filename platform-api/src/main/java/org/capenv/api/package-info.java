/** The capenv control plane (Quarkus application). */
package org.capenv.api;
