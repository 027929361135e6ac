package org.capenv.api.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Produces the request's {@link CallerIdentity} from the verified token: the bearer access token on
 * {@code /api}, the ID token of the session on {@code /portal} (whose roles come from the access
 * token, see {@code quarkus.oidc.portal.roles.source}).
 */
@ApplicationScoped
public class CallerIdentityProducer {
  @Inject SecurityIdentity securityIdentity;

  @Produces
  @RequestScoped
  CallerIdentity caller() {
    if (securityIdentity.isAnonymous()
        || !(securityIdentity.getPrincipal() instanceof JsonWebToken token)) {
      // reached only from an endpoint that forgot its @Authenticated: refuse, never guess
      throw new UnauthorizedException();
    }
    return CallerClaims.toIdentity(
        name -> {
          Object value = token.getClaim(name);
          if (value instanceof JsonString string) {
            return string.getString();
          }
          // only string claims are meaningful here: a number or object in their place is ignored
          return value instanceof String string ? string : null;
        },
        securityIdentity.getRoles());
  }
}
