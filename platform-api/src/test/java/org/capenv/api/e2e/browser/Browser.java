package org.capenv.api.e2e.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through Debian's chromedriver, for the browser tests: sign in
 * through the identity provider's login form, check a page with axe-core, take screenshots and
 * collect downloads. One instance per test class; close it in {@code @AfterAll}.
 *
 * <p>Screenshots go to {@code target/screenshots}; with {@code -Dscreenshots.docs=<dir>} they are
 * also copied there (the documentation's set is refreshed that way).
 */
public final class Browser implements AutoCloseable {
  /** axe-core, from its webjar on the test classpath. */
  static final String AXE = "META-INF/resources/webjars/axe-core/%s/axe.min.js";

  static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver driver;
  private final String baseUrl;
  private final Path home;
  private final Path downloads;

  private Browser(ChromeDriver driver, String baseUrl, Path home, Path downloads) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.home = home;
    this.downloads = downloads;
  }

  /** Starts Chromium (headless) for the application at {@code baseUrl}. */
  public static Browser start(String baseUrl) throws IOException {
    Path home = Files.createTempDirectory("capenv-browser");
    Path downloads = Files.createDirectories(home.resolve("downloads"));
    // Selenium Manager must not try to download a browser or driver: both come from the OS
    System.setProperty("SE_OFFLINE", "true");
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
        "--window-size=1280,1024",
        "--user-data-dir=" + home.resolve("profile"));
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toString());
    prefs.put("download.prompt_for_download", false);
    options.setExperimentalOption("prefs", prefs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .withEnvironment(Map.of("HOME", home.toString(), "SE_OFFLINE", "true"))
            .build();
    return new Browser(new ChromeDriver(service, options), baseUrl, home, downloads);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a path of the application. */
  public void open(String path) {
    driver.get(baseUrl + path);
  }

  /** The current path (and query) within the application. */
  public String path() {
    return driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
  }

  /** Finds an element, waiting for it to appear. */
  public WebElement find(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /** Waits until the element's text contains the given text. */
  public void awaitText(By by, String text, Duration timeout) {
    new WebDriverWait(driver, timeout)
        .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /** The page's visible text. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /**
   * Signs in through the identity provider's login form (Keycloak's ids) starting from {@code
   * path}, and waits to be back on the application.
   */
  public void signIn(String path, String username, String password) {
    open(path);
    find(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("kc-login")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(baseUrl));
  }

  /** Signs out through the portal, which ends the identity provider's session too. */
  public void signOut() {
    open("/portal/logout");
    new WebDriverWait(driver, WAIT)
        .until(
            d ->
                d.getCurrentUrl().contains("/portal/signed-out")
                    || !d.findElements(By.id("kc-logout")).isEmpty());
    // the identity provider may ask to confirm the logout
    if (!driver.getCurrentUrl().contains("/portal/signed-out")) {
      driver.findElement(By.id("kc-logout")).click();
    }
    new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("/portal/logout"));
    driver.manage().deleteAllCookies();
  }

  /**
   * Runs axe-core on the current page and returns the violations of at least the given impact
   * ("minor", "moderate", "serious", "critical"), each as {@code rule: help (n nodes)}.
   */
  public List<String> accessibilityViolations(String minimumImpact) {
    List<String> order = List.of("minor", "moderate", "serious", "critical");
    driver.executeScript(axeSource());
    Object raw =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)))"
                + ".catch(e => done('error: ' + e));");
    String result = String.valueOf(raw);
    if (result.startsWith("error: ")) {
      throw new IllegalStateException("axe-core failed: " + result);
    }
    List<String> found = new ArrayList<>();
    try {
      for (JsonNode v : JSON.readTree(result)) {
        if (order.indexOf(v.path("impact").asText("minor")) >= order.indexOf(minimumImpact)) {
          found.add(
              v.path("id").asText()
                  + " ["
                  + v.path("impact").asText()
                  + "]: "
                  + v.path("help").asText()
                  + " ("
                  + v.path("nodes").size()
                  + " nodes, first "
                  + v.path("nodes").path(0).path("target")
                  + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Saves a screenshot of the window as {@code <name>.png}; returns the file. */
  public Path screenshot(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    Path file = dir.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    Optional<String> docs = Optional.ofNullable(System.getProperty("screenshots.docs"));
    if (docs.isPresent() && !docs.get().isBlank()) {
      Path target = Files.createDirectories(Path.of(docs.get()));
      Files.copy(file, target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  /**
   * Fetches {@code pathOrUrl} outside the browser with the browser's session cookies for the
   * current site, as a download link would (its name is chosen by the server).
   */
  public HttpResponse<String> fetch(String pathOrUrl) throws IOException, InterruptedException {
    String url = pathOrUrl.startsWith("/") ? baseUrl + pathOrUrl : pathOrUrl;
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

  /** Waits for a finished download of the given file name and returns it. */
  public Path awaitDownload(String name, Duration timeout) throws InterruptedException {
    Path file = downloads.resolve(name);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload"))) {
        return file;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no download of " + name + " within " + timeout);
  }

  /** Whether a script value set on the page is still there (it is lost on any reload). */
  public boolean samePageAs(String marker) {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) driver)
            .executeScript("return window.capenvMarker === arguments[0];", marker));
  }

  /** Sets a script value on the page, to tell later that no reload happened. */
  public void mark(String marker) {
    ((JavascriptExecutor) driver).executeScript("window.capenvMarker = arguments[0];", marker);
  }

  private static String axeSource() {
    String version = System.getProperty("capenv.axe.version");
    String path = String.format(AXE, version);
    try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("axe-core is not on the test classpath at " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(home)) {
        files
            .sorted((a, b) -> b.getNameCount() - a.getNameCount())
            .forEach(p -> p.toFile().delete());
      }
    }
  }
}
