/** Access policy engine (CEL) and admission policy evaluation. */
package org.capenv.policy;
