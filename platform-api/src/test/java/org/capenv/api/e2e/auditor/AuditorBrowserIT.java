package org.capenv.api.e2e.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.capenv.api.e2e.E2eStack;
import org.capenv.api.e2e.KeycloakServer;
import org.capenv.api.e2e.KeycloakTokens;
import org.capenv.api.e2e.browser.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Everyone sees their own activity and nobody but an auditor sees the audit log: an analyst signs
 * in through the real Keycloak login form in Chromium, finds their own upload on the activity page
 * and is refused the auditor's search, entry and export pages. (The auditor's own journey through a
 * run's entries is part of the portal's browser test, which makes the run.)
 */
@ExtendWith(E2eStack.class)
class AuditorBrowserIT {
  private static Browser browser;

  @BeforeAll
  static void startBrowser() throws IOException {
    browser = Browser.start(E2eStack.platformUrl());
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anAnalystSeesTheirOwnActivityButNotTheAuditLog() throws Exception {
    uploadAsAnalyst();

    browser.signIn("/portal/activity", "norfolk.analyst", "demo");
    assertThat(browser.find(By.id("activity")).getText())
        .contains("data.collected")
        .doesNotContain("audit.queried");
    browser.screenshot("activity");
    assertThat(browser.accessibilityViolations("serious")).as("axe-core on activity").isEmpty();

    browser.open("/portal/audit");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("You cannot see the audit log");
    assertThat(browser.fetch("/portal/audit/export?format=jsonl").statusCode()).isEqualTo(403);
    assertThat(browser.fetch("/portal/audit/entries/0").statusCode()).isEqualTo(403);
    browser.signOut();
  }

  /** A real recorded action: the demo analyst uploads a file through the API. */
  private static void uploadAsAnalyst() throws Exception {
    String token =
        KeycloakTokens.password(
            KeycloakServer.REALM, KeycloakServer.DIRECT_CLIENT, "norfolk.analyst");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(E2eStack.platformUrl() + "/api/blobs"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "caller,callee,duration_s\n07700900001,07700900002,42\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }
}
