/**
 * The local backend: tools in a bubblewrap sandbox on this host, for installations without a
 * cluster. See docs/runner-local-sandbox.md.
 */
package org.capenv.runner.local;
