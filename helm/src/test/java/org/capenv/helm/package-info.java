/** Tests of the Helm chart in helm/capenv, rendered by Helm's own engine. */
package org.capenv.helm;
