/**
 * Policy tests as data: YAML files of inputs and expected decisions, run against a policy bundle by
 * the build, so that a policy author can change a rule without writing Java.
 */
package org.capenv.policy.testing;
