package org.capenv.api.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.capenv.api.e2e.E2eStack;
import org.capenv.catalog.lifecycle.AlgoCareItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real Chromium against the real Keycloak and the packaged platform, in the order
 * people meet it: a steward who also reviews submits miller-cdr-stats and cannot sign it off
 * themselves; three reviewers approve it; an analyst finds it, runs it on the sample call records
 * in the local sandbox, watches it finish without a reload and downloads the output; an analyst of
 * another force cannot open that run; an auditor finds the run's entries, sees an inclusion proof
 * verified by the page's own script and exports them. Every key page passes axe-core without
 * serious or critical violations, and is photographed for the documentation.
 */
@ExtendWith(E2eStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {
  static final Path MANIFEST = Path.of("..", "catalog", "manifests", "miller-cdr-stats.yaml");
  static final Path CALLS = Path.of("..", "catalog", "samples", "call-records.csv");
  static final String TOOL = "/portal/tools/miller-cdr-stats/1.0.0";

  static Browser browser;
  static String runPath;

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
  @Order(1)
  void aStewardWhoReviewsCannotApproveTheVersionTheySubmitted() throws IOException {
    browser.signIn("/portal/review/submit", E2eStack.STEWARD_REVIEWER, "demo");
    accessible("submit");
    browser.find(By.id("manifestFile")).sendKeys(MANIFEST.toAbsolutePath().normalize().toString());
    browser.find(By.id("submit-manifest")).click();
    browser.awaitText(By.id("tool-state"), "IN_REVIEW", Browser.WAIT);

    browser.open("/portal/review/miller-cdr-stats/1.0.0");
    assertThat(browser.find(By.id("own-submission")).getText())
        .contains("You submitted this version");
    answerEveryItemMet();
    browser.find(By.id("sign-off")).click();
    assertThat(browser.find(By.id("error-summary")).getText())
        .contains("The sign-off was refused")
        .containsIgnoringCase("submitter");
    browser.signOut();
  }

  @Test
  @Order(2)
  void threeReviewersApproveIt() throws IOException {
    String[] reviewers = {"ethics.reviewer", "information.reviewer", "security.reviewer"};
    for (String reviewer : reviewers) {
      browser.signIn("/portal/review", reviewer, "demo");
      if (reviewer.equals("ethics.reviewer")) {
        accessible("review-inbox");
      }
      browser.find(By.cssSelector("a[href='/portal/review/miller-cdr-stats/1.0.0']")).click();
      if (reviewer.equals("ethics.reviewer")) {
        answerEveryItemMet();
        accessible("sign-off");
      } else {
        answerEveryItemMet();
      }
      browser.find(By.id("sign-off")).click();
      browser.find(By.id("tool-state"));
      browser.signOut();
    }
    browser.signIn(TOOL, "norfolk.analyst", "demo");
    assertThat(browser.find(By.id("tool-state")).getText()).isEqualTo("APPROVED");
  }

  @Test
  @Order(3)
  void anAnalystRunsTheToolWatchesItFinishAndDownloadsTheOutput() throws Exception {
    browser.open("/portal/tools?q=call");
    assertThat(browser.find(By.id("tools")).getText()).contains("miller-cdr-stats");
    accessible("catalogue");
    browser.find(By.linkText("miller-cdr-stats")).click();
    assertThat(browser.find(By.id("transparency")).isDisplayed()).isTrue();
    accessible("tool");

    browser.find(By.id("run-tool")).click();
    browser.find(By.id("input-records")).sendKeys(CALLS.toAbsolutePath().normalize().toString());
    String expected = sha256(Files.readAllBytes(CALLS));
    browser.awaitText(By.id("input-records-status"), expected, Browser.WAIT);
    browser.find(By.id("purpose")).sendKeys("Summarise call records for the investigation");
    browser.find(By.id("caseReference")).sendKeys("OP-KESTREL/2026/7");
    browser.find(By.cssSelector("input[name=classification][value=OFFICIAL-SENSITIVE]")).click();
    accessible("run-form");
    browser.find(By.id("start-run")).click();

    browser.find(By.id("run-live"));
    runPath = browser.path();
    assertThat(runPath).matches("/portal/runs/[0-9a-f-]{36}");
    browser.mark("no-reload");
    browser.awaitText(By.id("run-state"), "COMPLETED", Duration.ofSeconds(90));
    assertThat(browser.find(By.id("output-summary")).getText()).isEqualTo("Download summary");
    assertThat(browser.samePageAs("no-reload")).as("finished without a reload").isTrue();
    accessible("run-finished");

    browser.find(By.id("output-summary")).click();
    Path downloaded = browser.awaitDownload("summary", Browser.WAIT);
    byte[] bytes = Files.readAllBytes(downloaded);
    assertThat(new String(bytes)).contains("duration_s");
    assertThat(browser.text()).contains(sha256(bytes));
    browser.signOut();
  }

  @Test
  @Order(4)
  void anAnalystOfAnotherForceCannotOpenTheRun() throws IOException {
    assertThat(runPath).as("the run of the previous test").isNotNull();
    browser.signIn(runPath, "suffolk.analyst", "demo");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Page not found");
    assertThat(browser.text()).doesNotContain("OP-KESTREL", "miller-cdr-stats 1.0.0");
    accessible("not-found");
    browser.signOut();
  }

  @Test
  @Order(5)
  void anAuditorFindsTheRunsEntriesSeesAProofVerifiedAndExportsThem() throws Exception {
    assertThat(runPath).as("the run of the earlier test").isNotNull();
    String runId = runPath.substring(runPath.lastIndexOf('/') + 1);
    browser.signIn("/portal/audit", "auditor", "demo");
    browser.find(By.id("runId")).sendKeys(runId);
    browser.find(By.id("search")).click();
    // the search page already has a results table: read it only once the search's page is loaded
    new WebDriverWait(browser.driver(), Browser.WAIT)
        .until(d -> d.getCurrentUrl().contains("runId=" + runId));
    String results = browser.find(By.id("results")).getText();
    assertThat(results)
        .contains(
            "run.requested", "policy.decided", "run.launched", "run.completed", "output.disclosed");
    accessible("auditor-search");

    String exportJsonl = browser.find(By.id("export-jsonl")).getAttribute("href");
    String exportCsv = browser.find(By.id("export-csv")).getAttribute("href");
    WebElement completed =
        browser.driver().findElements(By.cssSelector("#results tbody tr")).stream()
            .filter(row -> row.getText().contains("run.completed"))
            .findFirst()
            .orElseThrow();
    completed.findElement(By.cssSelector("a.entry-link")).click();
    WebElement proof = browser.find(By.id("proof"));
    new WebDriverWait(browser.driver(), Browser.WAIT)
        .until(d -> proof.getAttribute("data-browser-verified") != null);
    String status = browser.find(By.id("browser-status")).getText();
    assertThat(proof.getAttribute("data-browser-verified"))
        .as(status + "\n" + browser.find(By.id("browser-checks")).getText())
        .isEqualTo("true");
    assertThat(status).startsWith("Verified");
    assertThat(browser.find(By.id("browser-checks")).getText())
        .contains("leaf hash SHA-256(0x00 || entry bytes)", "the checkpoint's root", "Ed25519");
    assertThat(browser.find(By.id("server-result")).getAttribute("data-verified"))
        .isEqualTo("true");
    accessible("auditor-entry-proof");

    HttpResponse<String> jsonl = browser.fetch(exportJsonl);
    assertThat(jsonl.statusCode()).isEqualTo(200);
    assertThat(jsonl.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;");
    List<String> lines = jsonl.body().lines().toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(5).allSatisfy(l -> assertThat(l).contains(runId));
    HttpResponse<String> csv = browser.fetch(exportCsv);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body().lines().toList()).hasSize(lines.size() + 1);

    browser.open("/portal/activity");
    assertThat(browser.find(By.id("activity")).getText()).contains("audit.exported");
    accessible("auditor-activity");
    browser.signOut();
  }

  private static void answerEveryItemMet() {
    for (AlgoCareItem item : AlgoCareItem.values()) {
      browser.find(By.id("item-" + item + "-met")).click();
    }
  }

  /** Checks the page with axe-core and photographs it. */
  private static void accessible(String name) throws IOException {
    browser.screenshot(name);
    assertThat(browser.accessibilityViolations("serious")).as("axe-core on " + name).isEmpty();
  }

  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
