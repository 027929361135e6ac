package org.capenv.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person signs in to the portal through the real Keycloak login form (authorization code flow
 * with PKCE), sees their landing page, and signs out.
 */
@ExtendWith(E2eStack.class)
class PortalLoginIT {
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new LocalhostCookies())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  @Test
  void demoUserSignsInSeesTheLandingPageAndSignsOut() throws Exception {
    String portal = E2eStack.platform().url() + "/portal";

    HttpResponse<String> login = get(portal);
    assertThat(login.uri().toString())
        .startsWith(E2eStack.keycloak().realmUrl(KeycloakServer.REALM))
        .contains("code_challenge_method=S256");
    Matcher action = FORM_ACTION.matcher(login.body());
    assertThat(action.find()).as("Keycloak login form").isTrue();

    String form =
        "username="
            + URLEncoder.encode("norfolk.analyst", StandardCharsets.UTF_8)
            + "&password=demo&credentialId=";
    HttpResponse<String> landing =
        browser.send(
            HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(landing.statusCode()).as("%s %s", landing.uri(), landing.body()).isEqualTo(200);
    assertThat(landing.uri().getPath()).isEqualTo("/portal");
    assertThat(landing.body())
        .contains("Signed in as norfolk.analyst", "id=\"force\">norfolk</dd>", "<li>analyst</li>");
    assertThat(landing.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));

    HttpResponse<String> signedOut = get(portal + "/logout");
    assertThat(signedOut.uri().getPath()).isEqualTo("/portal/signed-out");
    assertThat(signedOut.body()).contains("You have signed out");

    // the session has ended at the identity provider too: the portal asks for a login again
    HttpResponse<String> again = get(portal);
    assertThat(again.uri().toString())
        .startsWith(E2eStack.keycloak().realmUrl(KeycloakServer.REALM));
    assertThat(FORM_ACTION.matcher(again.body()).find()).isTrue();
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
