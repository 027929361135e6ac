package org.capenv.api.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Declares the resources every {@code @QuarkusTest} shares, so that the application starts once for
 * the whole suite: a real embedded PostgreSQL and the in-process OIDC server (issuer {@code
 * https://server.example.com}, tokens from {@link TestTokens}).
 */
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {
  private GlobalTestResources() {}
}
