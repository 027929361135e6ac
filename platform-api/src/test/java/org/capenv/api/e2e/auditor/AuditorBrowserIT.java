package org.capenv.api.e2e.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.capenv.api.e2e.E2eStack;
import org.capenv.api.e2e.KeycloakServer;
import org.capenv.api.e2e.KeycloakTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An auditor signs in through the real Keycloak login form in Chromium, finds the entry of an
 * analyst's upload, opens it and sees its inclusion proof verified by the page's own script, and
 * exports the selection as JSON Lines and CSV.
 */
@ExtendWith(E2eStack.class)
class AuditorBrowserIT {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Path profile;
  private static WebDriver driver;

  @BeforeAll
  static void startBrowser() throws IOException {
    profile = Files.createTempDirectory("capenv-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1600",
        "--user-data-dir=" + profile.resolve("data"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .withEnvironment(Map.of("SE_OFFLINE", "true", "HOME", profile.toString()))
            .build();
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void auditorFindsAnEntrySeesItsProofVerifiedAndExportsTheSelection() throws Exception {
    String platform = E2eStack.platform().url();
    String upload = uploadAsAnalyst(platform);
    signedOutEverywhere();

    driver.get(platform + "/portal/audit");
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
    assertThat(driver.getCurrentUrl())
        .startsWith(E2eStack.keycloak().realmUrl(KeycloakServer.REALM));
    driver.findElement(By.id("username")).sendKeys("auditor");
    driver.findElement(By.id("password")).sendKeys("demo");
    driver.findElement(By.id("kc-login")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("search")));

    driver.findElement(By.id("force")).sendKeys("norfolk");
    driver.findElement(By.cssSelector("#action option[value='data.collected']")).click();
    driver.findElement(By.id("search")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
    assertThat(driver.getCurrentUrl()).contains("force=norfolk").contains("action=data.collected");
    List<WebElement> rows = driver.findElements(By.cssSelector("#results tbody tr"));
    assertThat(rows).isNotEmpty();
    assertThat(rows.get(0).getText()).contains("data.collected", "norfolk.analyst", "norfolk");
    screenshot("auditor-search");

    String exportJsonl = driver.findElement(By.id("export-jsonl")).getAttribute("href");
    String exportCsv = driver.findElement(By.id("export-csv")).getAttribute("href");

    rows.get(rows.size() - 1).findElement(By.cssSelector("a.entry-link")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("proof")));
    assertThat(driver.findElement(By.id("entry-json")).getText()).contains(upload);
    WebElement proof = driver.findElement(By.id("proof"));
    wait.until(d -> proof.getAttribute("data-browser-verified") != null);
    String status = driver.findElement(By.id("browser-status")).getText();
    String checks = driver.findElement(By.id("browser-checks")).getText();
    assertThat(proof.getAttribute("data-browser-verified"))
        .as(status + "\n" + checks)
        .isEqualTo("true");
    assertThat(status).startsWith("Verified");
    assertThat(checks)
        .contains("leaf hash SHA-256(0x00 || entry bytes)")
        .contains("the checkpoint's root")
        .contains("Ed25519 signature by e2e.capenv.test/audit");
    assertThat(driver.findElement(By.id("server-result")).getAttribute("data-verified"))
        .isEqualTo("true");
    screenshot("auditor-entry-proof");

    HttpResponse<String> jsonl = download(exportJsonl);
    assertThat(jsonl.statusCode()).isEqualTo(200);
    assertThat(jsonl.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"capenv-audit-");
    List<String> lines = jsonl.body().lines().toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines)
        .allSatisfy(
            l -> assertThat(l).contains("\"action\":\"data.collected\"", "\"force\":\"norfolk\""));
    assertThat(jsonl.body()).contains(upload);

    HttpResponse<String> csv = download(exportCsv);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    List<String> records = csv.body().lines().toList();
    assertThat(records.get(0)).startsWith("seq,time,action,");
    assertThat(records).hasSize(lines.size() + 1);

    driver.get(platform + "/portal/activity");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("activity")));
    String activity = driver.findElement(By.id("activity")).getText();
    assertThat(activity).contains("audit.queried", "audit.exported");
    screenshot("auditor-activity");
  }

  @Test
  void anAnalystSeesTheirOwnActivityButNotTheAuditLog() throws Exception {
    String platform = E2eStack.platform().url();
    uploadAsAnalyst(platform);
    signedOutEverywhere();

    driver.get(platform + "/portal/activity");
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
    driver.findElement(By.id("username")).sendKeys("norfolk.analyst");
    driver.findElement(By.id("password")).sendKeys("demo");
    driver.findElement(By.id("kc-login")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("activity")));
    assertThat(driver.findElement(By.id("activity")).getText())
        .contains("data.collected")
        .doesNotContain("audit.queried");

    driver.get(platform + "/portal/audit");
    assertThat(driver.findElement(By.tagName("h1")).getText())
        .isEqualTo("You cannot see the audit log");
    assertThat(download(platform + "/portal/audit/export?format=jsonl").statusCode())
        .isEqualTo(403);
    assertThat(download(platform + "/portal/audit/entries/0").statusCode()).isEqualTo(403);
  }

  /**
   * Starts without any session: clears the cookies of every site, Keycloak's included (WebDriver's
   * own call only clears those the current page can see).
   */
  private static void signedOutEverywhere() {
    ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  /** A real recorded action: the demo analyst uploads a file through the API. */
  private static String uploadAsAnalyst(String platform) throws Exception {
    String token =
        KeycloakTokens.password(
            KeycloakServer.REALM, KeycloakServer.DIRECT_CLIENT, "norfolk.analyst");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(platform + "/api/blobs"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "caller,callee,duration_s\n07700900001,07700900002,42\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String body = response.body();
    int at = body.indexOf("\"sha256\":\"") + 10;
    return body.substring(at, at + 64);
  }

  /** Downloads with the browser's session, as the browser would. */
  private static HttpResponse<String> download(String url)
      throws IOException, InterruptedException {
    String cookies =
        driver.manage().getCookies().stream()
            .map(Cookie::toString)
            .map(c -> c.split(";", 2)[0])
            .collect(Collectors.joining("; "));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void screenshot(String name) throws IOException {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }
}
